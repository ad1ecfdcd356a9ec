import { describe, expect, it, vi } from 'vitest';
import { FakeMedia } from './fakeMedia';
import { exposeForTests, PlaybackSync } from './playbackSync.svelte';

/** A sync on simulated time over fake clips; `run` advances media and clock together. */
function setup(clips: { duration: number; fps: number | null }[]) {
  let now = 0;
  const sync = new PlaybackSync({}, () => now);
  const media = clips.map((c, i) => {
    const m = new FakeMedia(c.duration);
    sync.register(`clip_${i}`, m as unknown as HTMLVideoElement, c.fps);
    return m;
  });
  const run = async (ms: number) => {
    for (let t = 0; t < ms; t += 16) {
      now += 16;
      media.forEach((m) => m.advance(16));
      await new Promise((resolve) => setTimeout(resolve, 0)); // let paint fallbacks fire
      sync.tick(now);
    }
  };
  return { sync, media, run };
}

describe('PlaybackSync', () => {
  it('mutes by default and counts the clips it plays', () => {
    const { sync, media } = setup([{ duration: 5, fps: 24 }, { duration: 8, fps: 24 }]);
    expect(media.every((m) => m.muted)).toBe(true);
    expect(sync.count).toBe(2);
    sync.toggleMute();
    expect(media.map((m) => m.muted)).toEqual([false, true]); // one take heard at a time
  });

  it('steps by the probed frame rate and shows frame number and timecode', async () => {
    const { sync, media, run } = setup([{ duration: 5, fps: 12 }, { duration: 5, fps: 12 }]);
    sync.step(13);
    await run(300);
    expect(sync.playing).toBe(false);
    expect(sync.frame).toBe(13);
    expect(sync.timecode()).toBe('00:00:01:01');
    for (const m of media) expect(m.currentTime).toBeCloseTo(13.5 / 12, 9);
    expect(sync.framesPerSecond()).toBe(12);
  });

  it('claims sync from measured spread, not from the number of clips', async () => {
    const { sync, media, run } = setup([{ duration: 5, fps: 24 }, { duration: 5, fps: 24 }]);
    await run(1000);
    expect(sync.inSync).toBe(2);
    media[1].decodeSpeed = 0.85; // falls behind a little, within the correction tolerance
    await run(700);
    expect(sync.spreadMs).toBeGreaterThan(42);
    expect(sync.inSync).toBe(1);
  });

  it('plays one take audible at a time: the first by default, a solo picks another, mix hears all', () => {
    const { sync, media } = setup([{ duration: 5, fps: 24 }, { duration: 5, fps: 24 }, { duration: 5, fps: 24 }]);
    expect(media.every((m) => m.muted)).toBe(true); // sound starts off
    sync.toggleMute();
    expect(media.map((m) => m.muted)).toEqual([false, true, true]);
    sync.soloIndex(2);
    expect(media.map((m) => m.muted)).toEqual([true, true, false]);
    sync.toggleMixAll();
    expect(media.map((m) => m.muted)).toEqual([false, false, false]);
    sync.toggleMixAll();
    sync.toggleMute();
    expect(media.every((m) => m.muted)).toBe(true);
    sync.soloClip('clip_1'); // soloing turns sound on
    expect(media.map((m) => m.muted)).toEqual([true, false, true]);
  });

  it('plays every clip, and any clip that joins later, at the chosen speed', () => {
    const { sync, media } = setup([{ duration: 5, fps: 24 }]);
    sync.setRate(0.25);
    expect(media[0].playbackRate).toBe(0.25);
    const late = new FakeMedia(6);
    sync.register('late', late as unknown as HTMLVideoElement, 24);
    expect(late.playbackRate).toBe(0.25);
  });

  it('releases every decoder when the run leaves the stage', () => {
    const { sync } = setup([]);
    const videos = [0, 1].map(() => {
      const video = document.createElement('video');
      video.src = 'http://127.0.0.1:1/clip.mp4';
      vi.spyOn(video, 'pause').mockImplementation(() => {});
      vi.spyOn(video, 'load').mockImplementation(() => {});
      return video;
    });
    videos.forEach((v, i) => sync.register(`v${i}`, v, 24));
    sync.release();
    for (const v of videos) {
      expect(v.hasAttribute('src')).toBe(false);
      expect(v.pause).toHaveBeenCalled();
      expect(v.load).toHaveBeenCalled();
    }
    expect(sync.count).toBe(0);
  });

  it('exposes playback state for end-to-end tests and forgets removed clips', () => {
    const sync = new PlaybackSync();
    const unregister = sync.register('clip_a', new FakeMedia(5) as unknown as HTMLVideoElement, 24);
    exposeForTests(sync);
    const hook = (window as unknown as { __dailies: { videos(): { clipId: string; seeks: number }[] } }).__dailies;
    expect(hook.videos()).toMatchObject([{ clipId: 'clip_a', currentTime: 0, readyState: 4, seeks: 0, corrections: 0 }]);
    unregister();
    expect(hook.videos()).toEqual([]);
    expect(sync.count).toBe(0);
  });

  it('exposes the group clock read-only: state, frame, settled and buffering count', async () => {
    const { sync, run } = setup([{ duration: 5, fps: 24 }, { duration: 5, fps: 24 }]);
    exposeForTests(sync);
    const hook = (window as unknown as { __dailies: { player(): Record<string, unknown> } }).__dailies;
    sync.step(30);
    expect(hook.player()).toMatchObject({ state: 'paused', settled: false, fps: 24, duration: 5 });
    await run(400);
    expect(hook.player()).toMatchObject({ state: 'paused', settled: true, frame: 30, bufferings: 0 });
    expect(hook.player().time as number).toBeCloseTo(30.5 / 24, 6);
    // Reading it changes nothing.
    expect(hook.player()).toEqual(hook.player());
    expect(sync.frame).toBe(30);
  });
});

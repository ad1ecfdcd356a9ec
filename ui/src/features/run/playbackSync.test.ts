import { describe, expect, it } from 'vitest';
import { DRIFT_S, exposeForTests, FRAME_S, PlaybackSync } from './playbackSync.svelte';

/** Just enough of a <video> for the sync: a clock, a length and play state. */
class FakeVideo extends EventTarget {
  currentTime = 0;
  readyState = 4;
  paused = true;
  muted = false;
  ended = false;
  playbackRate = 1;
  constructor(public duration: number) {
    super();
  }
  play() {
    this.paused = false;
    return Promise.resolve();
  }
  pause() {
    this.paused = true;
  }
}

function setup(...durations: number[]) {
  const sync = new PlaybackSync();
  const videos = durations.map((d) => new FakeVideo(d));
  videos.forEach((v, i) => sync.register(`clip_${i}`, v as unknown as HTMLVideoElement));
  return { sync, videos };
}

const later = () => performance.now() + 10_000;

describe('PlaybackSync', () => {
  it('leads with the longest clip and mutes everything by default', () => {
    const { sync, videos } = setup(5, 8, 4);
    expect(sync.leader()?.clipId).toBe('clip_1');
    expect(videos.every((v) => v.muted)).toBe(true);
    expect(sync.count).toBe(3);
  });

  it(`re-seeks followers that drift more than ${DRIFT_S * 1000} ms and leaves small drift alone`, () => {
    const { sync, videos } = setup(5, 5.5, 5);
    videos[1].currentTime = 2.0; // leader
    videos[0].currentTime = 2.5; // 500 ms ahead
    videos[2].currentTime = 2.05; // 50 ms ahead: fine
    sync.correct(later());
    expect(videos[0].currentTime).toBe(2.0);
    expect(videos[2].currentTime).toBe(2.05);
    expect(sync.time).toBe(2.0);
    expect(sync.duration).toBe(5.5);
  });

  it('holds a shorter clip on its last frame until the leader loops', () => {
    const { sync, videos } = setup(4, 8);
    videos[0].play();
    videos[1].currentTime = 6;
    sync.correct(later());
    expect(videos[0].paused).toBe(true);
    videos[1].currentTime = 0.5; // leader looped
    sync.correct(later());
    expect(videos[0].paused).toBe(false);
    expect(videos[0].currentTime).toBe(0.5);
  });

  it('seeks, pauses, plays and mutes all clips together', () => {
    const { sync, videos } = setup(5, 8);
    sync.seek(6);
    expect(videos[1].currentTime).toBe(6);
    expect(videos[0].currentTime).toBeCloseTo(4.95); // clamped to its own end
    sync.pauseAll();
    expect(sync.playing).toBe(false);
    expect(videos.every((v) => v.paused)).toBe(true);
    sync.restart();
    expect(sync.playing).toBe(true);
    expect(videos.every((v) => !v.paused && v.currentTime === 0)).toBe(true);
    sync.toggleMute();
    expect(videos.every((v) => !v.muted)).toBe(true);
  });

  it('does not fight the user while they scrub', () => {
    const { sync, videos } = setup(5, 5);
    sync.setScrubbing(true);
    videos[0].currentTime = 3;
    videos[1].currentTime = 1;
    sync.correct(later());
    expect(videos[1].currentTime).toBe(1);
  });

  it('exposes playback state for end-to-end tests and forgets removed clips', () => {
    const sync = new PlaybackSync();
    const video = new FakeVideo(5);
    const unregister = sync.register('clip_a', video as unknown as HTMLVideoElement);
    exposeForTests(sync);
    const hook = (window as unknown as { __dailies: { videos(): unknown[] } }).__dailies;
    expect(hook.videos()).toEqual([{ clipId: 'clip_a', currentTime: 0, readyState: 4, paused: true }]);
    unregister();
    expect(hook.videos()).toEqual([]);
    expect(sync.count).toBe(0);
  });

  it('steps every clip a frame at a time, paused, clamped to the start and the longest clip', () => {
    const { sync, videos } = setup(5, 8);
    sync.playAll();
    sync.correct();
    sync.step(1);
    expect(sync.playing).toBe(false);
    expect(videos.every((v) => v.paused)).toBe(true);
    expect(videos[1].currentTime).toBeCloseTo(FRAME_S, 6);
    expect(videos[0].currentTime).toBeCloseTo(FRAME_S, 6);
    sync.step(-48);
    expect(videos[1].currentTime).toBe(0);
    sync.seek(7.99);
    sync.step(24);
    expect(sync.time).toBe(8);
    // The shorter clip holds its last frame instead of running past its end.
    expect(videos[0].currentTime).toBeLessThan(5);
  });

  it('plays every clip, and any clip that joins later, at the chosen speed', () => {
    const { sync, videos } = setup(5, 8);
    sync.setRate(0.25);
    expect(videos.map((v) => v.playbackRate)).toEqual([0.25, 0.25]);
    const late = new FakeVideo(6);
    sync.register('late', late as unknown as HTMLVideoElement);
    expect(late.playbackRate).toBe(0.25);
  });
});

import { describe, expect, it } from 'vitest';
import { FakeMedia } from './fakeMedia';
import { PlaybackSync } from './playbackSync.svelte';

/** A sync on simulated time over fake clips; `run` advances media and clock together. */
function setup(count: number, duration = 4, fps = 12) {
  let now = 0;
  const sync = new PlaybackSync({}, () => now);
  const media = Array.from({ length: count }, (_, i) => {
    const m = new FakeMedia(duration);
    sync.register(`clip_${i}`, m as unknown as HTMLVideoElement, fps);
    return m;
  });
  const times: number[] = [];
  const run = async (ms: number) => {
    for (let t = 0; t < ms; t += 16) {
      now += 16;
      media.forEach((m) => m.advance(16));
      await new Promise((resolve) => setTimeout(resolve, 0));
      sync.tick(now);
      times.push(sync.time);
    }
  };
  return { sync, media, run, times };
}

describe('loop points and shuttle', () => {
  it('wraps playback from the out point to the in point, every clip together', async () => {
    const { sync, media, run, times } = setup(2);
    await run(300);
    sync.seek(1);
    await run(300);
    sync.mark('in');
    sync.seek(2);
    await run(300);
    sync.mark('out');
    expect(sync.loop.in).toBeLessThan(sync.loop.out!);
    times.length = 0;
    await run(4000);
    expect(Math.max(...times)).toBeLessThanOrEqual(sync.loop.out! + 0.05);
    expect(Math.min(...times)).toBeGreaterThanOrEqual(sync.loop.in! - 1e-6);
    expect(sync.playing).toBe(true);
    expect(Math.abs(media[0].currentTime - media[1].currentTime)).toBeLessThan(0.1);
  });

  it('stops on the out point\'s last frame when the loop is off, and Play starts again from the in point', async () => {
    const { sync, run } = setup(2);
    await run(300);
    sync.toggleLoop();
    expect(sync.loop.on).toBe(false);
    await run(4600);
    expect(sync.playing).toBe(false);
    expect(sync.frame).toBe(47); // 4 s at 12 fps: frames 0–47
    sync.playAll();
    await run(400);
    expect(sync.time).toBeLessThan(1);
    expect(sync.playing).toBe(true);
  });

  it('plays backwards on J by coordinated seeks, one at a time, never by a negative rate', async () => {
    const { sync, media, run } = setup(2);
    await run(300);
    sync.seek(3);
    await run(300);
    sync.shuttleKey('k');
    await run(300);
    const before = sync.time;
    sync.shuttleKey('j');
    expect(sync.shuttle).toBe(-1);
    await run(1000);
    expect(sync.time).toBeLessThan(before - 0.5);
    expect(sync.playing).toBe(false);
    for (const m of media) {
      expect(m.playbackRate).toBeGreaterThan(0);
      expect(m.paused).toBe(true);
    }
    // Each seek lands (120 ms in the fake) before the next goes out: at most ~1 per 120 ms.
    const seeks = media[0].seekLog.length;
    await run(1200);
    expect(media[0].seekLog.length - seeks).toBeLessThanOrEqual(11);
    sync.shuttleKey('l'); // against the motion: slower
    expect(sync.shuttle).toBe(-0.5);
    sync.shuttleKey('k');
    expect(sync.shuttle).toBe(0);
    sync.shuttleKey('l');
    sync.shuttleKey('l');
    expect(sync.shuttle).toBe(2);
    expect(media.every((m) => m.playbackRate === 2)).toBe(true);
  });
});

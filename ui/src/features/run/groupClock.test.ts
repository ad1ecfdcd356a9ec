import { describe, expect, it } from 'vitest';
import { FakeMedia } from './fakeMedia';
import { frameAt, frameCentre } from './frameGrid';
import { GroupClock, type ClockOptions } from './groupClock';

/** Runs a clock over fake clips in 16 ms steps of simulated time. */
class Sim {
  now = 0;
  clock: GroupClock;
  constructor(
    public media: FakeMedia[],
    fps: (number | null)[] = [],
    options: Partial<ClockOptions> = {},
  ) {
    this.clock = new GroupClock(options);
    media.forEach((m, i) => this.clock.add(`c${i}`, m, fps[i] ?? 24, this.now));
  }

  run(ms: number, each?: () => void) {
    for (let t = 0; t < ms; t += 16) {
      this.now += 16;
      this.media.forEach((m, i) => {
        if (m.advance(16)) this.clock.landed(`c${i}`, this.now);
      });
      this.clock.tick(this.now);
      each?.();
    }
  }
}

const allPlaying = (media: FakeMedia[]) => media.every((m) => !m.paused);

describe('GroupClock', () => {
  it('starts all clips together and keeps them within the tolerance', () => {
    const sim = new Sim([new FakeMedia(5), new FakeMedia(5), new FakeMedia(5), new FakeMedia(5)]);
    sim.run(2000);
    expect(sim.clock.state()).toBe('playing');
    expect(allPlaying(sim.media)).toBe(true);
    const t = sim.clock.position(sim.now);
    expect(t).toBeGreaterThan(1.5);
    for (const m of sim.media) expect(Math.abs(m.currentTime - t)).toBeLessThan(sim.clock.options.toleranceS);
    expect(sim.media.map((m) => m.seekLog.length)).toEqual([0, 0, 0, 0]);
  });

  it('never livelocks a follower whose decoder lags: rate-limited seeks, buffering instead', () => {
    const lagging = new FakeMedia(5, 0.6, 400);
    const sim = new Sim([new FakeMedia(5), new FakeMedia(5), new FakeMedia(5), lagging]);
    let buffered = false;
    let leaderPlayed = 0;
    let last = 0;
    sim.run(30_000, () => {
      buffered ||= sim.clock.state() === 'buffering';
      const now = sim.media[0].currentTime;
      leaderPlayed += Math.max(0, now - last); // forward motion only; wraps go back to 0
      last = now;
    });
    const interval = sim.clock.options.correctionIntervalMs;
    // Corrections plus one coordinated seek per loop wrap (5 s clips: at most 6 in 30 s).
    expect(lagging.seekLog.length).toBeLessThanOrEqual(30_000 / interval + 7);
    expect(sim.clock.member('c3')!.corrections).toBeLessThanOrEqual(30_000 / interval + 1);
    expect(buffered).toBe(true);
    // The group kept playing: the healthy clips covered most of the 30 s.
    expect(leaderPlayed).toBeGreaterThan(15);
  });

  it('a clip whose playhead stops makes the group buffer, and it resumes when all are ready', () => {
    // A wide tolerance, so the stall (not a drift correction) is what reacts.
    const sim = new Sim([new FakeMedia(5), new FakeMedia(5), new FakeMedia(5)], [], { toleranceS: 2 });
    sim.run(1000);
    const slow = sim.media[1];
    slow.readyState = 1; // starved: it stands still while told to play
    sim.run(sim.clock.options.stallMs + 100);
    expect(sim.clock.state()).toBe('buffering');
    expect(sim.media.every((m) => m.paused)).toBe(true);
    const held = sim.clock.position(sim.now);
    sim.run(500);
    expect(sim.clock.position(sim.now)).toBe(held); // the clock waits too
    slow.readyState = 4;
    sim.run(100);
    expect(sim.clock.state()).toBe('playing');
    expect(allPlaying(sim.media)).toBe(true);
    expect(sim.media.map((m) => m.seekLog.length)).toEqual([0, 0, 0]); // a stall is not "seek again"
  });

  it('does not buffer on a waiting event while the playhead keeps moving (WebKitGTK fires those)', () => {
    const sim = new Sim([new FakeMedia(5), new FakeMedia(5)]);
    sim.run(1000);
    sim.clock.event('c1', 'waiting', sim.now);
    const before = sim.clock.bufferings;
    sim.run(1000);
    expect(sim.clock.bufferings).toBe(before);
    expect(sim.clock.state()).toBe('playing');
  });

  it('wraps the loop with one coordinated seek of every clip to 0, then plays them all', () => {
    const sim = new Sim([new FakeMedia(2), new FakeMedia(2), new FakeMedia(1.5)]);
    sim.run(2600);
    expect(sim.media.map((m) => m.seekLog)).toEqual([[0], [0], [0]]);
    expect(sim.clock.state()).toBe('playing');
    expect(allPlaying(sim.media)).toBe(true);
    for (const m of sim.media) expect(m.currentTime).toBeLessThan(1);
  });

  it('holds a shorter clip on its last frame until the group wraps', () => {
    const sim = new Sim([new FakeMedia(2), new FakeMedia(1)]);
    sim.run(1500);
    expect(sim.media[1].paused).toBe(true);
    expect(sim.media[1].currentTime).toBeLessThanOrEqual(1);
    expect(sim.media[0].paused).toBe(false);
  });

  it('pauses every clip on the centre of the same frame', () => {
    const sim = new Sim([new FakeMedia(5), new FakeMedia(5)]);
    sim.run(1000);
    sim.clock.pause(sim.now);
    sim.run(300);
    const frame = sim.clock.frame(sim.now);
    for (const m of sim.media) expect(m.currentTime).toBeCloseTo(frameCentre(frame, 24), 9);
    expect(sim.clock.state()).toBe('paused');
  });

  it('steps on the file frame rate, never an assumed 24, and on the leader grid for mixed rates', () => {
    const sim = new Sim([new FakeMedia(5), new FakeMedia(4)], [12, 24]);
    sim.clock.step(1, sim.now);
    sim.run(300);
    // The 5 s clip leads, so steps follow its 12 fps grid: frame 1 is at 1.5/12 s.
    expect(sim.media[0].currentTime).toBeCloseTo(1.5 / 12, 9);
    // The 24 fps clip sits on the centre of its own frame containing that instant.
    expect(sim.media[1].currentTime).toBeCloseTo(frameCentre(frameAt(1.5 / 12, 24), 24), 9);
    sim.clock.step(12, sim.now);
    sim.run(300);
    expect(sim.clock.frame(sim.now)).toBe(13);
    expect(frameAt(sim.media[0].currentTime, 12)).toBe(13);
  });

  it('coalesces fast steps: one seek in flight per clip, landing on the last frame asked', () => {
    const sim = new Sim([new FakeMedia(5), new FakeMedia(5)]);
    for (let i = 0; i < 10; i++) sim.clock.step(1, sim.now);
    expect(sim.clock.frame(sim.now)).toBe(10);
    sim.run(1000);
    for (const m of sim.media) {
      expect(m.seekLog.length).toBe(2); // the first, then the latest queued
      expect(m.currentTime).toBeCloseTo(frameCentre(10, 24), 9);
    }
  });

  it('clamps steps to the first and last frame of the longest clip', () => {
    const sim = new Sim([new FakeMedia(1), new FakeMedia(2)], [24, 24]);
    sim.clock.step(-5, sim.now);
    sim.run(200);
    expect(sim.clock.frame(sim.now)).toBe(0);
    sim.clock.step(500, sim.now);
    sim.run(200);
    expect(sim.clock.frame(sim.now)).toBe(47);
    expect(sim.media[0].currentTime).toBeLessThan(1); // the shorter clip holds its last frame
  });

  it('a step is not done until every clip has landed', () => {
    const slow = new FakeMedia(5, 1, 600);
    const sim = new Sim([new FakeMedia(5), slow]);
    sim.clock.step(3, sim.now);
    sim.run(300);
    expect(sim.clock.member('c1')!.inFlight).not.toBeNull();
    sim.run(400);
    expect(sim.clock.member('c1')!.inFlight).toBeNull();
    expect(slow.currentTime).toBeCloseTo(frameCentre(3, 24), 9);
  });

  it('lands a pause on the frame it shows when the clips had played to their end (WebKitGTK)', () => {
    // In WebKitGTK 2.50 a seek from the ended state completes only while the element plays:
    // the e2e saw four paused tiles stuck on their last frame after a loop wrap.
    const media = [new FakeMedia(2), new FakeMedia(2)];
    for (const m of media) m.endedSeeksWaitForPlay = true;
    const sim = new Sim(media);
    sim.run(500);
    for (const m of media) {
      m.play();
      m.advance(3000); // decoders ran ahead to the end, as they do just before a wrap
    }
    expect(media.every((m) => m.ended && m.paused)).toBe(true);
    sim.clock.pause(sim.now);
    const frame = sim.clock.frame(sim.now);
    sim.run(1000);
    expect(sim.clock.settled()).toBe(true);
    for (const [i, m] of media.entries()) {
      expect(m.currentTime).toBeCloseTo(frameCentre(frame, 24), 9);
      expect(m.paused).toBe(true); // played only to let the seek land
      expect(sim.clock.member(`c${i}`)!.lostSeeks).toBe(0);
    }
    sim.clock.step(1, sim.now);
    sim.run(500);
    for (const m of media) expect(m.currentTime).toBeCloseTo(frameCentre(frame + 1, 24), 9);
  });
});

// Test double for <video> in the group clock's tests: a decoder that plays at a chosen
// fraction of real time, seeks that take a while to land, and events like the real one.

import type { MediaLike } from './clockMember';

export class FakeMedia extends EventTarget implements MediaLike {
  readyState = 4;
  paused = true;
  ended = false;
  seeking = false;
  muted = false;
  playbackRate = 1;
  error: unknown = null;
  /** Every write to currentTime, for counting seeks. */
  seekLog: number[] = [];
  /** WebKitGTK 2.50: a seek started from the ended state lands only once the element plays. */
  endedSeeksWaitForPlay = false;
  private seekWaitsForPlay = false;
  private time = 0;
  private seekTarget = 0;
  private seekLeftMs = 0;

  constructor(
    public duration: number,
    /** Media seconds decoded per real second at rate 1: below 1 the decoder can't keep up. */
    public decodeSpeed = 1,
    public seekMs = 120,
  ) {
    super();
  }

  get currentTime(): number {
    return this.time;
  }

  set currentTime(t: number) {
    this.seekLog.push(t);
    this.seekWaitsForPlay = this.endedSeeksWaitForPlay && this.ended && this.paused;
    this.ended = false;
    this.seeking = true;
    this.readyState = 1;
    this.seekTarget = t;
    this.seekLeftMs = this.seekMs;
    this.dispatchEvent(new Event('seeking'));
  }

  play(): Promise<void> {
    this.paused = false;
    this.dispatchEvent(new Event('playing'));
    return Promise.resolve();
  }

  pause(): void {
    this.paused = true;
  }

  /** Advances this element by `ms` of real time; returns true when a seek landed. */
  advance(ms: number): boolean {
    if (this.seeking && this.seekWaitsForPlay && this.paused) return false;
    if (this.seeking) {
      this.seekLeftMs -= ms;
      if (this.seekLeftMs > 0) return false;
      this.seeking = false;
      this.time = Math.min(this.seekTarget, this.duration);
      this.ended = false;
      this.readyState = 4;
      this.dispatchEvent(new Event('seeked'));
      return true;
    }
    if (this.paused || this.readyState < 3) return false; // a starved decoder stands still
    this.time = Math.min(this.duration, this.time + (ms / 1000) * this.playbackRate * this.decodeSpeed);
    if (this.time >= this.duration) {
      this.ended = true;
      this.paused = true;
    }
    return false;
  }
}

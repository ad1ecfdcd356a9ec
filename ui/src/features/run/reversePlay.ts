// Reverse shuttle (J): the webview cannot play video backwards, and negative playbackRate
// is not supported by WebKitGTK, so the group clock is paused and moved back by coordinated
// seeks, one at a time: the next seek goes out only once every clip has landed and painted
// the last one. Where that is slower than the asked speed, frames are skipped (the target
// follows wall time), never queued up, so a slow decoder cannot livelock the reverse.

import { frameAt } from './frameGrid';
import type { GroupClock } from './groupClock';

export class ReversePlayer {
  /** Seconds of video per second of wall time, positive; 0: not reversing. */
  speed = 0;
  private originTime = 0;
  private originWall = 0;

  constructor(private clock: GroupClock) {}

  get active(): boolean {
    return this.speed > 0;
  }

  /** Starts (or changes speed of) reverse play from where the clock stands. */
  start(speed: number, now: number): void {
    if (this.clock.playing) this.clock.pause(now);
    this.originTime = this.clock.position(now);
    this.originWall = now;
    this.speed = Math.abs(speed);
  }

  stop(): void {
    this.speed = 0;
  }

  /** Once per animation frame: seeks the group back if its last seek has landed. */
  tick(now: number): void {
    if (!this.active || !this.clock.settled()) return;
    const { start, end } = this.clock.range();
    let target = this.originTime - (this.speed * (now - this.originWall)) / 1000;
    if (target < start) {
      if (!this.clock.loop.on) {
        this.stop();
        this.clock.seek(start, now);
        return;
      }
      // Wrap to the out point and carry on backwards from there.
      this.originTime = end;
      this.originWall = now;
      target = end - 1e-6;
    }
    const fps = this.clock.fps();
    if (frameAt(target, fps) === frameAt(this.clock.position(now), fps)) return;
    this.clock.seek(target, now);
  }
}

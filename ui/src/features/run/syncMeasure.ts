// What the transport may claim about sync, measured rather than asserted: the spread is
// max |currentTime − where the clock puts the clip|, and a clip counts as in sync only
// while its own drift stays within one frame of the leader's grid.

import type { GroupClock } from './groupClock';

/** The reported spread is the worst seen over this window, so a bad moment is not hidden. */
const WINDOW_MS = 1000;
/** Slack for reading currentTime a little after the clock (one animation frame). */
const READ_SLACK_S = 0.005;

export interface SyncReading {
  /** Worst spread over the last window, in milliseconds. */
  spreadMs: number;
  /** Clips whose drift is within one frame right now. */
  inSync: number;
  /** Clips that take part (metadata loaded, not broken). */
  total: number;
  /** Clip ids that keep falling behind or hold the group up. */
  catchingUp: string[];
}

export class SyncMeter {
  private samples: { at: number; spread: number }[] = [];

  read(clock: GroupClock, now: number): SyncReading {
    const members = clock.all().filter((m) => m.usable);
    const frame = 1 / clock.fps();
    let spread = 0;
    let inSync = 0;
    for (const m of members) {
      const drift = Math.abs(clock.drift(m, now));
      spread = Math.max(spread, drift);
      if (drift <= frame + READ_SLACK_S) inSync += 1;
    }
    // While buffering the clips are parked on purpose; measure steady play and rest only.
    if (clock.state() !== 'buffering') this.samples.push({ at: now, spread });
    this.samples = this.samples.filter((s) => now - s.at <= WINDOW_MS);
    const worst = this.samples.reduce((max, s) => Math.max(max, s.spread), 0);
    return {
      spreadMs: Math.round(worst * 1000),
      inSync,
      total: members.length,
      catchingUp: members.filter((m) => clock.catchingUp(m, now)).map((m) => m.id),
    };
  }
}

// The group clock: one clock (wall time × rate, not a video element) that every clip of a
// run follows. Pure state machine: time comes in as `now`, media are anything MediaLike,
// events arrive through `event`/`landed`, and `tick` runs once per animation frame.
//
// Why this shape (see ARCHITECTURE.md, "Synced player"): in WebKitGTK a seek restarts
// decoding from the previous keyframe, so "seek whoever drifted" turns a decoder that is
// behind into one that never catches up. Here a clip that can't keep up makes the whole
// group *buffer* (pause all, wait until every clip is ready at the same time, resume
// together); drift corrections are rate-limited per clip and never hit a clip that is
// already seeking or waiting. Loop wraps, pauses, steps and scrubs are one coordinated
// seek of every clip, and count as done only when each clip has landed and painted.

import { ClockMember, HAVE_CURRENT_DATA, HAVE_METADATA, type MediaLike } from './clockMember';
import { frameAt, frameCentre, lastFrame } from './frameGrid';
import { NO_LOOP_POINTS, playRange, type LoopPoints, type PlayRange } from './loopRange';

export interface ClockOptions {
  /** Drift left alone while playing. */
  toleranceS: number;
  /** At most one drift correction per clip per this long. */
  correctionIntervalMs: number;
  /** Buffering that waits this long for a clip's frame gives up on it (broken or gone). */
  giveUpMs: number;
  /** A clip told to play whose playhead has not moved for this long makes the group buffer. */
  stallMs: number;
  /** A clip out of step (or holding the group up) this long is shown as catching up. */
  catchingUpMs: number;
  /** After a resume the clock waits this long at most for the clips to actually start. */
  startGraceMs: number;
}

export const DEFAULT_OPTIONS: ClockOptions = {
  toleranceS: 0.15,
  correctionIntervalMs: 3000,
  giveUpMs: 3000,
  stallMs: 400,
  catchingUpMs: 600,
  startGraceMs: 500,
};

export type MediaEvent = 'waiting' | 'stalled' | 'playing' | 'canplay' | 'loadedmetadata';
export type ClockState = 'playing' | 'paused' | 'buffering';

export class GroupClock {
  readonly options: ClockOptions;
  /** What the creator asked for; buffering does not change it. */
  playing = true;
  rate = 1;
  /** Settling: waiting for seeks to land and clips to be ready before (re)starting.
   *  A new group starts here: nothing plays until its clips are ready. */
  private settling = true;
  private settleStart = 0;
  private settleTarget = 0;
  private settleSnap = false;
  /** Group time at wall time `anchorWall`; the clock runs from there while playing. */
  private anchorTime = 0;
  private anchorWall = 0;
  /** Just resumed: the clock holds until the clips have really started (start latency). */
  private startingSince: number | null = null;
  private members = new Map<string, ClockMember>();
  bufferings = 0;
  /** In/out points and whether playback wraps at the out point or stops there. */
  loop: LoopPoints = { ...NO_LOOP_POINTS };

  constructor(options: Partial<ClockOptions> = {}) {
    this.options = { ...DEFAULT_OPTIONS, ...options };
  }

  add(id: string, media: MediaLike, fps: number | null | undefined, now: number): ClockMember {
    const member = new ClockMember(id, media, fps);
    media.playbackRate = this.rate;
    media.pause();
    this.members.set(id, member);
    if (member.usable) this.join(member, now);
    return member;
  }

  remove(id: string): void {
    this.members.delete(id);
  }

  member(id: string): ClockMember | undefined {
    return this.members.get(id);
  }

  all(): ClockMember[] {
    return [...this.members.values()];
  }

  /** The longest usable clip: its length is the group's, its frame grid the steps'. */
  leader(): ClockMember | undefined {
    let best: ClockMember | undefined;
    for (const m of this.members.values()) {
      if (m.usable && (!best || m.media.duration > best.media.duration)) best = m;
    }
    return best;
  }

  duration(): number {
    return this.leader()?.media.duration ?? 0;
  }

  fps(): number {
    return this.leader()?.fps ?? this.all()[0]?.fps ?? 24;
  }

  /** The span playback runs over: the loop's in/out points, else the whole group. */
  range(): PlayRange {
    return playRange(this.loop, this.duration());
  }

  /** No coordinated seek or buffering is pending: every clip stands where the clock says. */
  settled(): boolean {
    return !this.settling;
  }

  state(): ClockState {
    if (this.settling && this.playing) return 'buffering';
    return this.playing ? 'playing' : 'paused';
  }

  /** Group time now. */
  position(now: number): number {
    if (!this.playing || this.settling || this.startingSince !== null) return this.anchorTime;
    return this.anchorTime + ((now - this.anchorWall) / 1000) * this.rate;
  }

  /** The leader-grid frame shown at the group time. */
  frame(now: number): number {
    return frameAt(this.position(now), this.fps());
  }

  event(id: string, type: MediaEvent, now: number): void {
    const m = this.members.get(id);
    if (!m) return;
    // Kept for the tile badge and diagnostics; buffering is decided by measured progress.
    if (type === 'waiting' || type === 'stalled') m.startWaiting();
    else if (type === 'playing' || type === 'canplay') m.waiting = false;
    else if (type === 'loadedmetadata' && m.usable) this.join(m, now);
  }

  /** The binding saw this clip's seek land and its new frame painted. */
  landed(id: string, now: number): void {
    this.members.get(id)?.landed(now);
  }

  play(now: number): void {
    if (this.playing) return;
    this.playing = true;
    // Start together: wait until every clip is ready where the clock stands.
    // From the range's last frame (where a stop without loop parks), play starts over.
    const { start, end } = this.range();
    if (frameAt(this.anchorTime, this.fps()) >= lastFrame(end, this.fps())) this.anchorTime = start;
    this.settle(this.anchorTime, now, this.all());
  }

  /** Pauses every clip on the same frame: the centre of the leader's current frame. */
  pause(now: number): void {
    const t = this.position(now);
    this.playing = false;
    this.startingSince = null;
    this.settle(frameCentre(frameAt(t, this.fps()), this.fps()), now, this.all());
  }

  /** Moves every clip `frames` frames on the leader's grid (pausing first). */
  step(frames: number, now: number): void {
    const t = this.playing ? this.position(now) : this.anchorTime;
    this.playing = false;
    this.startingSince = null;
    const fps = this.fps();
    const last = lastFrame(this.duration(), fps);
    const n = Math.min(Math.max(0, frameAt(t, fps) + frames), last);
    this.settle(frameCentre(n, fps), now, this.all());
  }

  /** Puts every clip at `seconds`; playback continues if it was playing. */
  seek(seconds: number, now: number): void {
    const t = Math.min(Math.max(0, seconds), this.duration() || seconds);
    this.settle(t, now, this.all());
  }

  setRate(rate: number, now: number): void {
    const t = this.position(now);
    this.anchorTime = t;
    this.anchorWall = now;
    this.rate = rate;
    for (const m of this.members.values()) m.media.playbackRate = rate;
    // WebKitGTK applies a new playbackRate late and unevenly: restart the clips together at the
    // new rate instead of letting them drift apart while it takes hold.
    if (this.playing && !this.settling) this.settle(t, now, [], false);
  }

  /** Playing off the out point with the loop off: pause on the range's last frame. */
  private stopAt(end: number, now: number): void {
    this.playing = false;
    this.startingSince = null;
    const fps = this.fps();
    this.settle(frameCentre(lastFrame(end, fps), fps), now, this.all());
  }

  /** Runs once per animation frame. */
  tick(now: number): void {
    if (!this.leader()) return;
    if (this.settling) return this.trySettle(now);
    if (!this.playing) return;
    if (this.startingSince !== null) return this.tryStart(now);
    const t = this.position(now);
    const { start, end } = this.range();
    if (t >= end) return this.loop.on ? this.settle(start, now, this.all()) : this.stopAt(end, now); // loop wrap
    const stuck = this.all().find((m) => m.usable && t < m.endHold && m.stuckFor(now) >= this.options.stallMs);
    if (stuck) return this.settle(t, now, []);
    const toCorrect: ClockMember[] = [];
    for (const m of this.members.values()) {
      if (!m.usable) continue;
      if (t >= m.endHold || m.media.ended) {
        if (!m.media.paused) m.media.pause(); // a shorter clip holds its last frame
        m.outSince = null;
        continue;
      }
      if (m.media.paused) m.play();
      m.noteProgress(now);
      if (Math.abs(m.media.currentTime - t) <= this.options.toleranceS) {
        m.outSince = null;
        continue;
      }
      m.outSince ??= now;
      if (now - m.lastCorrectionAt >= this.options.correctionIntervalMs && !m.busy(now)) {
        m.lastCorrectionAt = now;
        m.corrections += 1;
        toCorrect.push(m);
      }
    }
    if (toCorrect.length > 0) this.settle(t, now, toCorrect);
  }

  /** Drift of a clip from where the clock says it should be (seconds, signed). */
  drift(m: ClockMember, now: number): number {
    const snap = !this.playing && !this.settling;
    return m.media.currentTime - m.target(this.position(now), snap);
  }

  /** Shown on the tile: out of step for a while, or what the group is waiting on. */
  catchingUp(m: ClockMember, now: number): boolean {
    const long = this.options.catchingUpMs;
    if (m.outSince !== null && now - m.outSince >= long) return true;
    return this.settling && now - this.settleStart >= long && !this.ready(m, now);
  }

  /** Enters buffering at group time `t`: pause all, seek `seekers` there, wait for all. */
  private settle(t: number, now: number, seekers: ClockMember[], counts = true): void {
    if (counts && !this.settling && this.playing) this.bufferings += 1;
    this.settling = true;
    this.settleStart = now;
    this.settleTarget = t;
    this.settleSnap = !this.playing;
    this.anchorTime = t;
    this.startingSince = null;
    for (const m of this.members.values()) if (!m.media.paused) m.media.pause();
    for (const m of seekers) if (m.usable) m.seekTo(m.target(t, this.settleSnap), now);
  }

  private join(m: ClockMember, now: number): void {
    const t = this.position(now);
    this.settle(this.settling ? this.settleTarget : t, now, [m]);
  }

  private ready(m: ClockMember, now: number): boolean {
    if (!m.usable) return true;
    if (m.busy(now)) return false;
    // Its frame at the target is decoded. Not HAVE_FUTURE_DATA: measured in WebKitGTK 2.50, a
    // paused element stays at HAVE_CURRENT_DATA after a seek until it plays, so waiting for
    // more would stall every buffering until the give-up.
    const need = now - this.settleStart < this.options.giveUpMs ? HAVE_CURRENT_DATA : HAVE_METADATA;
    return m.media.readyState >= need;
  }

  private trySettle(now: number): void {
    for (const m of this.members.values()) {
      if (!m.usable || m.busy(now)) continue;
      // A clip left out of place (its decoder fell behind): one rate-limited correction.
      const target = m.target(this.settleTarget, this.settleSnap);
      const off = Math.abs(m.media.currentTime - target) > this.options.toleranceS;
      if (off && now - m.lastCorrectionAt >= this.options.correctionIntervalMs) {
        m.lastCorrectionAt = now;
        m.corrections += 1;
        m.seekTo(target, now);
      }
    }
    if (!this.all().every((m) => this.ready(m, now))) return;
    this.settling = false;
    this.anchorTime = this.settleTarget;
    this.anchorWall = now;
    if (!this.playing) return;
    for (const m of this.members.values()) {
      m.waiting = false;
      m.outSince = null;
      if (m.usable && this.settleTarget < m.endHold) m.play();
      m.resetProgress(now);
    }
    this.startingSince = now;
  }

  /** Holds the clock until the clips have started, then runs it from where they are. */
  private tryStart(now: number): void {
    const running = this.all().filter((m) => m.usable && this.anchorTime < m.endHold);
    const started = running.every((m) => m.media.currentTime > this.anchorTime + 1e-3);
    if (!started && now - (this.startingSince ?? now) < this.options.startGraceMs) return;
    const times = running.map((m) => m.media.currentTime).sort((a, b) => a - b);
    if (times.length > 0) this.anchorTime = times[Math.floor((times.length - 1) / 2)];
    this.anchorWall = now;
    this.startingSince = null;
    for (const m of running) m.resetProgress(now);
  }
}

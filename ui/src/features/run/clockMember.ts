// One clip in the group clock: its media element (or a test fake), its frame rate, and
// the bookkeeping that keeps at most one seek in flight per clip.

import { frameCentre, lastFrame, snapToFrame, usableFps } from './frameGrid';

/** The part of an HTMLVideoElement the clock uses; tests pass fakes. */
export interface MediaLike {
  currentTime: number;
  readonly duration: number;
  readonly readyState: number;
  readonly paused: boolean;
  readonly seeking: boolean;
  readonly ended: boolean;
  readonly error?: unknown;
  playbackRate: number;
  muted: boolean;
  play(): Promise<void> | void;
  pause(): void;
}

/** HTMLMediaElement.readyState values the clock waits on. */
export const HAVE_METADATA = 1;
export const HAVE_CURRENT_DATA = 2;

/** A seek that never reports back (element torn down mid-seek) stops blocking after this. */
const SEEK_LOST_MS = 2000;

export class ClockMember {
  fps: number;
  /** Saw `waiting`/`stalled` and not yet `playing`/`canplay`: its decoder is behind. */
  waiting = false;
  private lastSeenTime = -1;
  private lastProgressAt = 0;
  /** Target of the seek in flight, until the binding reports it landed and painted. */
  inFlight: number | null = null;
  private inFlightSince = 0;
  /** The next target, issued when the one in flight lands (fast steps and scrubs coalesce). */
  private queued: number | null = null;
  /** Last drift correction (rate-limited, unlike the seeks the user or a loop wrap asks for). */
  lastCorrectionAt = -Infinity;
  /** When the drift first went past the tolerance; null while in step. */
  outSince: number | null = null;
  seeks = 0;
  corrections = 0;
  /** Seeks that never reported landing (counted for the benchmark). */
  lostSeeks = 0;
  /** Played only so that a seek from the ended state can complete (see `seekTo`). */
  private unending = false;

  constructor(
    readonly id: string,
    readonly media: MediaLike,
    fps: number | null | undefined,
  ) {
    this.fps = usableFps(fps);
  }

  get hasMetadata(): boolean {
    return this.media.readyState >= HAVE_METADATA && Number.isFinite(this.media.duration) && this.media.duration > 0;
  }

  /** Broken media leaves the group instead of holding everyone back. */
  get usable(): boolean {
    return this.hasMetadata && !this.media.error;
  }

  /** Centre of the clip's last frame: where a shorter clip holds until the group wraps. */
  get endHold(): number {
    return frameCentre(lastFrame(this.media.duration, this.fps), this.fps);
  }

  /** Where this clip belongs at group time `t`: snapped to its own frame centre when paused. */
  target(t: number, snap: boolean): number {
    const end = this.media.duration;
    if (snap) return snapToFrame(t, this.fps, end);
    return Math.min(t, this.endHold);
  }

  /** True while a seek we asked for has not landed. Not `media.seeking`: measured in
   *  WebKitGTK 2.50, an element seeked back to 0 from its end can report `seeking` forever. */
  busy(now: number): boolean {
    if (this.inFlight !== null && now - this.inFlightSince > SEEK_LOST_MS) {
      this.lostSeeks += 1;
      this.inFlight = null;
    }
    return this.inFlight !== null;
  }

  /** Seeks now, or after the seek in flight lands. Returns whether a seek was issued now. */
  seekTo(time: number, now: number): boolean {
    if (this.inFlight !== null) {
      this.queued = time;
      return false;
    }
    if (Math.abs(this.media.currentTime - time) < 1e-4) return false;
    const ended = this.media.ended;
    this.inFlight = time;
    this.inFlightSince = now;
    this.seeks += 1;
    this.media.currentTime = time;
    // Measured in the real app (WebKitGTK 2.50): a seek from the ended state never completes
    // while the element is paused (it reports `seeking` and keeps showing its last frame) and
    // completes at once when it plays. Loop wraps and a pause right after one start there.
    if (ended && this.media.paused) {
      this.unending = true;
      this.media.play()?.catch?.(() => {});
    }
    return true;
  }

  /** The binding saw `seeked` and a painted frame: issue the queued target, if any. */
  landed(now: number): void {
    const target = this.inFlight;
    this.inFlight = null;
    let next = this.queued;
    this.queued = null;
    if (this.unending) {
      // Paused again (the clock decides when clips play) and, having played a little to land,
      // put back exactly where the clock wanted it.
      this.unending = false;
      this.media.pause();
      if (next === null && target !== null && Math.abs(this.media.currentTime - target) > 1e-3) next = target;
    }
    if (next !== null) this.seekTo(next, now);
  }

  startWaiting(): void {
    this.waiting = true;
  }

  /** Called each tick while it should be playing: notes whether its playhead moved. */
  noteProgress(now: number): void {
    if (this.media.currentTime !== this.lastSeenTime) {
      this.lastSeenTime = this.media.currentTime;
      this.lastProgressAt = now;
    }
  }

  /** Starts the stall timer afresh (it was just told to play). */
  resetProgress(now: number): void {
    this.lastSeenTime = this.media.currentTime;
    this.lastProgressAt = now;
  }

  /** How long it has been told to play without its playhead moving. Measured, not taken from
   *  `waiting`: WebKitGTK 2.50 fires `waiting` and sits at HAVE_CURRENT_DATA while it plays on. */
  stuckFor(now: number): number {
    return now - this.lastProgressAt;
  }

  play(): void {
    if (this.media.ended) return; // play() on an ended clip would restart it on its own
    // play() rejects when interrupted by a pause or a new source; that is expected here.
    this.media.play()?.catch?.(() => {});
  }
}

// Plays every finished clip of a run as one: a shared clock, play/pause/seek/mute for all.
// The longest clip leads; the others follow its currentTime and are nudged back when they
// drift more than DRIFT_S. Shorter clips hold their last frame until the leader loops.

/** Drift beyond which a follower is re-seeked. Below this, seeking costs more than it fixes. */
export const DRIFT_S = 0.08;
/** A follower that was just re-seeked gets this long to settle before it is judged again. */
const SETTLE_MS = 300;
/** How close to its end a shorter clip stops and holds its last frame. */
const HOLD_S = 0.05;
/** One frame at the 24 fps every route in the catalog delivers. */
export const FRAME_S = 1 / 24;
/** Speeds offered for reviewing motion. */
export const RATES = [0.25, 0.5, 1] as const;

interface Entry {
  clipId: string;
  video: HTMLVideoElement;
  lastSeek: number;
}

export interface VideoState {
  clipId: string;
  currentTime: number;
  readyState: number;
  paused: boolean;
}

function play(video: HTMLVideoElement) {
  // play() rejects when interrupted by a pause or a new source; that is expected here.
  video.play()?.catch?.(() => {});
}

export class PlaybackSync {
  playing = $state(true);
  muted = $state(true);
  time = $state(0);
  duration = $state(0);
  count = $state(0);
  rate = $state(1);

  // Not reactive on purpose: it changes per frame-critical event; `count` is the reactive mirror.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private entries = new Map<string, Entry>();
  private frame = 0;
  private scrubbing = false;

  /** Adds a tile's video; returns the function that removes it. */
  register(clipId: string, video: HTMLVideoElement): () => void {
    const entry: Entry = { clipId, video, lastSeek: 0 };
    video.muted = this.muted;
    video.playbackRate = this.rate;
    this.entries.set(clipId, entry);
    this.count = this.entries.size;
    // A clip that arrives mid-playback joins at the shared time instead of starting over.
    const join = () => {
      const leader = this.leader();
      if (leader && leader !== entry) this.seekOne(entry, leader.video.currentTime);
      if (this.playing) play(video);
      else video.pause();
    };
    const onTimeUpdate = () => this.correct();
    video.addEventListener('loadedmetadata', join);
    video.addEventListener('timeupdate', onTimeUpdate);
    this.startLoop();
    return () => {
      video.removeEventListener('loadedmetadata', join);
      video.removeEventListener('timeupdate', onTimeUpdate);
      if (this.entries.get(clipId) === entry) this.entries.delete(clipId);
      this.count = this.entries.size;
      if (this.entries.size === 0) this.stopLoop();
    };
  }

  /** The longest clip whose metadata is known; it sets the shared clock. */
  leader(): Entry | undefined {
    let best: Entry | undefined;
    for (const e of this.entries.values()) {
      if (e.video.readyState < 1) continue;
      if (!best || (e.video.duration || 0) > (best.video.duration || 0)) best = e;
    }
    return best;
  }

  /** Reads the leader's clock and pulls followers back into step. */
  correct(now: number = performance.now()): void {
    const leader = this.leader();
    if (!leader) return;
    this.time = leader.video.currentTime;
    this.duration = Number.isFinite(leader.video.duration) ? leader.video.duration : 0;
    if (!this.playing || this.scrubbing) return;
    if (leader.video.paused && !leader.video.ended) play(leader.video);
    for (const e of this.entries.values()) {
      if (e === leader || e.video.readyState < 1) continue;
      const end = e.video.duration;
      if (end && this.time >= end - HOLD_S) {
        if (!e.video.paused) e.video.pause();
        continue;
      }
      if (e.video.paused) play(e.video);
      if (Math.abs(e.video.currentTime - this.time) > DRIFT_S && now - e.lastSeek > SETTLE_MS) {
        e.video.currentTime = this.time;
        e.lastSeek = now;
      }
    }
  }

  playAll(): void {
    this.playing = true;
    for (const e of this.entries.values()) play(e.video);
    this.correct();
  }

  pauseAll(): void {
    this.playing = false;
    for (const e of this.entries.values()) e.video.pause();
    const leader = this.leader();
    if (leader) for (const e of this.entries.values()) this.seekOne(e, leader.video.currentTime);
  }

  toggle(): void {
    if (this.playing) this.pauseAll();
    else this.playAll();
  }

  restart(): void {
    this.seek(0);
    this.playAll();
  }

  /** Puts every clip at the same time (clamped to each clip's own length). */
  seek(seconds: number): void {
    for (const e of this.entries.values()) this.seekOne(e, seconds);
    this.time = seconds;
  }

  /** While the scrubber is held, followers are not corrected (the user is the clock). */
  setScrubbing(active: boolean): void {
    this.scrubbing = active;
  }

  /** Pauses everything and moves every clip by `frames` frames (negative goes back). */
  step(frames: number): void {
    if (this.playing) this.pauseAll();
    const end = this.duration || Infinity;
    this.seek(Math.min(Math.max(0, this.time + frames * FRAME_S), end));
  }

  /** Plays every clip at `rate` (slow motion for judging movement); the clock follows. */
  setRate(rate: number): void {
    this.rate = rate;
    for (const e of this.entries.values()) e.video.playbackRate = rate;
  }

  toggleMute(): void {
    this.muted = !this.muted;
    for (const e of this.entries.values()) e.video.muted = this.muted;
  }

  /** Playback state for end-to-end tests (`window.__dailies.videos()`). */
  snapshot(): VideoState[] {
    return [...this.entries.values()].map((e) => ({
      clipId: e.clipId,
      currentTime: e.video.currentTime,
      readyState: e.video.readyState,
      paused: e.video.paused,
    }));
  }

  private seekOne(entry: Entry, seconds: number) {
    const end = entry.video.duration;
    const target = end && Number.isFinite(end) ? Math.min(seconds, Math.max(0, end - HOLD_S)) : seconds;
    if (Math.abs(entry.video.currentTime - target) > 0.001) entry.video.currentTime = target;
    entry.lastSeek = performance.now();
  }

  private startLoop() {
    if (this.frame || typeof requestAnimationFrame === 'undefined') return;
    const tick = () => {
      this.correct();
      this.frame = requestAnimationFrame(tick);
    };
    this.frame = requestAnimationFrame(tick);
  }

  private stopLoop() {
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
  }
}

/** Lets end-to-end tests read playback state without reaching into components. */
export function exposeForTests(sync: PlaybackSync): void {
  if (typeof window === 'undefined') return;
  (window as unknown as { __dailies: unknown }).__dailies = { videos: () => sync.snapshot() };
}

/** Context key under which the run stage provides its PlaybackSync to tiles. */
export const SYNC_CONTEXT = Symbol('playback-sync');

// Plays every finished clip of a run as one: the reactive face of the group clock
// (groupClock.ts) for the transport and the tiles, driven once per animation frame.

import { frameAt, timecode } from './frameGrid';
import { GroupClock, type ClockOptions, type ClockState } from './groupClock';
import { markIn, markOut, NO_LOOP_POINTS, type LoopPoints } from './loopRange';
import { ReversePlayer } from './reversePlay';
import { SHUTTLE_SPEEDS, shuttleRate, type ShuttleKey } from './shuttle';
import { SyncMeter } from './syncMeasure';
import { bindVideo, releaseVideo, type Binding } from './videoBinding';

/** Speeds offered for reviewing motion (the forward shuttle's ladder). */
export const RATES = SHUTTLE_SPEEDS;

export interface VideoState {
  clipId: string;
  currentTime: number;
  readyState: number;
  paused: boolean;
  seeks: number;
  corrections: number;
  /** Seeks that never reported landing within 2 s (WebKitGTK quirk; each is retried once). */
  lostSeeks: number;
  paint: string | null;
  catchingUp: boolean;
}

/** The group clock as end-to-end tests and the app benchmark read it (`window.__dailies.player()`). */
export interface ClockSnapshot {
  state: ClockState;
  /** Group time (s) and the leader-grid frame it falls in. */
  time: number;
  frame: number;
  fps: number;
  duration: number;
  /** Paused or playing with no coordinated seek or buffering pending, and no seek in flight. */
  settled: boolean;
  /** Times the group has buffered (a clip could not keep up) since the stage opened. */
  bufferings: number;
}

interface Registered {
  video: HTMLVideoElement;
  binding: Binding;
}

const clockNow = () => performance.now();

export class PlaybackSync {
  playing = $state(true);
  state = $state<ClockState>('playing');
  muted = $state(true);
  time = $state(0);
  duration = $state(0);
  count = $state(0);
  rate = $state(1);
  frame = $state(0);
  fps = $state(24);
  spreadMs = $state(0);
  inSync = $state(0);
  catchingUp = $state<string[]>([]);
  /** The take that is heard (one at a time by default); null: the first one. */
  solo = $state<string | null>(null);
  /** Hear every take at once instead of the soloed one. */
  mixAll = $state(false);
  /** Compare layout: this take large, the others as a strip under it; null: the grid. */
  featured = $state<string | null>(null);
  /** Loop in/out points and loop on/off (mirrored into the clock, which applies them). */
  loop = $state<LoopPoints>({ ...NO_LOOP_POINTS });
  /** Shuttle rate: negative while playing backwards (J), 0 paused, else the forward rate. */
  shuttle = $state(0);

  private clock: GroupClock;
  private reverse: ReversePlayer;
  private meter = new SyncMeter();
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- element bookkeeping, `count` is the reactive mirror
  private videos = new Map<string, Registered>();
  private animation = 0;

  constructor(options: Partial<ClockOptions> = {}, private now: () => number = clockNow) {
    this.clock = new GroupClock(options);
    this.reverse = new ReversePlayer(this.clock);
  }

  /** Adds a tile's video (with the clip's probed frame rate); returns the function that removes it. */
  register(clipId: string, video: HTMLVideoElement, fps?: number | null): () => void {
    const binding = bindVideo(this.clock, clipId, video, this.now);
    this.clock.add(clipId, video, fps, this.now());
    const entry = { video, binding };
    this.videos.set(clipId, entry);
    this.count = this.videos.size;
    this.applyAudio();
    this.startLoop();
    return () => {
      binding.unbind();
      if (this.videos.get(clipId) !== entry) return;
      this.videos.delete(clipId);
      this.clock.remove(clipId);
      this.count = this.videos.size;
      this.applyAudio();
      if (this.videos.size === 0) this.stopLoop();
    };
  }

  /** Runs the clock once and mirrors it into the reactive fields. */
  tick(now: number = this.now()): void {
    this.clock.tick(now);
    this.reverse.tick(now);
    this.refresh(now);
  }

  playAll(): void {
    this.reverse.stop();
    this.clock.play(this.now());
    this.refresh();
  }

  pauseAll(): void {
    this.reverse.stop();
    this.clock.pause(this.now());
    this.refresh();
  }

  toggle(): void {
    if (this.clock.playing || this.reverse.active) this.pauseAll();
    else this.playAll();
  }

  restart(): void {
    this.clock.seek(0, this.now());
    this.playAll();
  }

  /** Puts every clip at the same time (each clamped to its own length). */
  seek(seconds: number): void {
    this.reverse.stop();
    this.clock.seek(seconds, this.now());
    this.refresh();
  }

  private resumeAfterScrub = false;
  /** While the scrubber is held the group is paused, so each drag is one coordinated seek. */
  setScrubbing(active: boolean): void {
    if (active) {
      this.resumeAfterScrub = this.clock.playing;
      if (this.clock.playing) this.pauseAll();
    } else if (this.resumeAfterScrub) {
      this.resumeAfterScrub = false;
      this.playAll();
    }
  }

  /** Pauses and moves every clip by `frames` frames of the leader's frame grid. */
  step(frames: number): void {
    this.reverse.stop();
    this.clock.step(frames, this.now());
    this.refresh();
  }

  /** A second's worth of frames at the leader's rate (Shift+←/→). */
  framesPerSecond(): number {
    return Math.round(this.clock.fps());
  }

  setRate(rate: number): void {
    this.reverse.stop();
    this.clock.setRate(rate, this.now());
    this.rate = rate;
    this.refresh();
  }

  /** J/K/L: steps the shuttle rate; reverse runs on coordinated seeks (see reversePlay.ts). */
  shuttleKey(key: ShuttleKey): void {
    const next = shuttleRate(this.shuttle, key);
    if (next === 0) this.pauseAll();
    else if (next < 0) this.reverse.start(-next, this.now());
    else {
      this.setRate(next);
      if (!this.clock.playing) this.playAll();
    }
    this.refresh();
  }

  /** I/O: puts the in point at the start of the frame shown, the out point at its end. */
  mark(point: 'in' | 'out'): void {
    const frame = frameAt(this.clock.position(this.now()), this.fps);
    this.setLoop(point === 'in' ? markIn(this.loop, frame / this.fps) : markOut(this.loop, (frame + 1) / this.fps));
  }

  clearMark(point: 'in' | 'out'): void {
    this.setLoop({ ...this.loop, [point]: null });
  }

  toggleLoop(): void {
    this.setLoop({ ...this.loop, on: !this.loop.on });
  }

  setLoop(points: LoopPoints): void {
    this.loop = points;
    this.clock.loop = { ...points };
  }

  toggleMute(): void {
    this.muted = !this.muted;
    this.applyAudio();
  }

  /** Makes `clipId` the take that is heard (and turns sound on). */
  soloClip(clipId: string): void {
    this.solo = clipId;
    this.muted = false;
    this.applyAudio();
  }

  /** Makes `clipId` the heard take without turning sound on or off (a compare mode's front take). */
  setSolo(clipId: string | null): void {
    if (this.solo === clipId) return;
    this.solo = clipId;
    this.applyAudio();
  }

  /** Solos the `index`th take (keys 1–9), in the order the tiles joined. */
  soloIndex(index: number): void {
    const id = [...this.videos.keys()][index];
    if (id) this.soloClip(id);
  }

  /** Features `clipId` (or goes back to the grid if it already is). */
  toggleFeatured(clipId: string | null): void {
    this.featured = clipId && this.featured !== clipId ? clipId : null;
  }

  toggleMixAll(): void {
    this.mixAll = !this.mixAll;
    this.applyAudio();
  }

  /** The take heard when sound is on and not mixing. */
  audibleId(): string | null {
    void this.count; // the element map is not reactive; its size is, so a joining tile updates readers
    if (this.solo && this.videos.has(this.solo)) return this.solo;
    return this.videos.keys().next().value ?? null;
  }

  private applyAudio(): void {
    const audible = this.audibleId();
    for (const [id, { video }] of this.videos) video.muted = this.muted || (!this.mixAll && id !== audible);
  }

  timecode(): string {
    return timecode(this.frame, this.fps);
  }

  /** Frees every decoder of this player (the run left the stage); tiles re-register on return. */
  release(): void {
    this.clock.pause(this.now());
    for (const [id, { video, binding }] of this.videos) {
      binding.unbind();
      this.clock.remove(id);
      releaseVideo(video);
    }
    this.videos.clear();
    this.count = 0;
    this.stopLoop();
  }

  /** Playback state for end-to-end tests (`window.__dailies.videos()`). */
  snapshot(): VideoState[] {
    const now = this.now();
    return [...this.videos].map(([clipId, { video, binding }]) => {
      const member = this.clock.member(clipId);
      return {
        clipId,
        currentTime: video.currentTime,
        readyState: video.readyState,
        paused: video.paused,
        seeks: member?.seeks ?? 0,
        corrections: member?.corrections ?? 0,
        lostSeeks: member?.lostSeeks ?? 0,
        paint: binding.lastPaint(),
        catchingUp: member ? this.clock.catchingUp(member, now) : false,
      };
    });
  }

  /** The clock itself, read-only (`window.__dailies.player()`). */
  clockSnapshot(): ClockSnapshot {
    const now = this.now();
    return {
      state: this.clock.state(),
      time: this.clock.position(now),
      frame: this.clock.frame(now),
      fps: this.clock.fps(),
      duration: this.clock.duration(),
      settled: this.clock.settled() && this.clock.all().every((m) => !m.busy(now)),
      bufferings: this.clock.bufferings,
    };
  }

  private refresh(now: number = this.now()): void {
    this.playing = this.clock.playing;
    this.shuttle = this.reverse.active ? -this.reverse.speed : this.clock.playing ? this.clock.rate : 0;
    this.state = this.clock.state();
    this.time = this.clock.position(now);
    this.duration = this.clock.duration();
    this.fps = this.clock.fps();
    this.frame = this.clock.frame(now);
    const reading = this.meter.read(this.clock, now);
    this.spreadMs = reading.spreadMs;
    this.inSync = reading.inSync;
    if (reading.catchingUp.join() !== this.catchingUp.join()) this.catchingUp = reading.catchingUp;
  }

  private startLoop() {
    if (this.animation || typeof requestAnimationFrame === 'undefined') return;
    const run = () => {
      this.tick();
      this.animation = requestAnimationFrame(run);
    };
    this.animation = requestAnimationFrame(run);
  }

  private stopLoop() {
    if (this.animation) cancelAnimationFrame(this.animation);
    this.animation = 0;
  }
}

/** Lets end-to-end tests and the app benchmark read playback state without reaching into
 *  components: `videos()` per clip (time, readyState, seeks, corrections), `player()` the
 *  group clock. Read-only: nothing here changes playback. */
export function exposeForTests(sync: PlaybackSync): void {
  if (typeof window === 'undefined') return;
  (window as unknown as { __dailies: unknown }).__dailies = {
    videos: () => sync.snapshot(),
    player: () => sync.clockSnapshot(),
  };
}

/** Context key under which the run stage provides its PlaybackSync to tiles. */
export const SYNC_CONTEXT = Symbol('playback-sync');

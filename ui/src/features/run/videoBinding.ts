// The thin DOM side of the group clock: forwards a <video>'s events to the clock, reports a
// seek as landed only once its new frame is painted, and frees the decoder on release.

import type { GroupClock, MediaEvent } from './groupClock';

/** How a landed seek was confirmed painted, for the e2e hook and the benchmark. */
export type PaintSignal = 'frame-callback' | 'animation-frame' | 'timeout';

/** WebKitGTK's frame callback has skipped paused videos right after a seek in some
 *  versions; past this long the step counts as painted on the next animation frame. */
const FRAME_CALLBACK_TIMEOUT_MS = 250;

const FORWARDED: MediaEvent[] = ['waiting', 'stalled', 'playing', 'canplay', 'loadedmetadata'];

type FrameCallbackVideo = HTMLVideoElement & {
  requestVideoFrameCallback?: (callback: () => void) => number;
};

/** Whether this webview exposes `requestVideoFrameCallback` (feature-detected, never assumed). */
export function hasFrameCallback(video: HTMLVideoElement): boolean {
  return typeof (video as FrameCallbackVideo).requestVideoFrameCallback === 'function';
}

function nextAnimationFrame(callback: () => void): void {
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => callback());
  else setTimeout(callback, 16);
}

export interface Binding {
  /** The signal that confirmed the last landed seek. */
  lastPaint(): PaintSignal | null;
  unbind(): void;
}

/** Wires `video` (registered in `clock` as `id`) to the clock. */
export function bindVideo(clock: GroupClock, id: string, video: HTMLVideoElement, now: () => number): Binding {
  let painted = false;
  let seeked = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastPaint: PaintSignal | null = null;
  let generation = 0;

  const land = (signal: PaintSignal, seekGeneration: number) => {
    if (seekGeneration !== generation) return; // a newer seek started meanwhile
    if (!seeked) {
      painted = true; // painted before `seeked` was dispatched: land on `seeked`
      return;
    }
    clearTimeout(timer);
    seeked = false;
    painted = false;
    lastPaint = signal;
    clock.landed(id, now());
  };

  // Listen for the painted frame from the start of the seek: WebKit may present the new
  // frame before it dispatches `seeked`.
  const onSeeking = () => {
    generation += 1;
    const g = generation;
    painted = false;
    seeked = false;
    clearTimeout(timer);
    if (hasFrameCallback(video)) (video as FrameCallbackVideo).requestVideoFrameCallback!(() => land('frame-callback', g));
  };
  const onSeeked = () => {
    const g = generation;
    seeked = true;
    if (!hasFrameCallback(video)) return nextAnimationFrame(() => land('animation-frame', g));
    if (painted) return land('frame-callback', g);
    timer = setTimeout(() => nextAnimationFrame(() => land('timeout', g)), FRAME_CALLBACK_TIMEOUT_MS);
  };

  const forward = FORWARDED.map((type) => {
    const listener = () => clock.event(id, type, now());
    video.addEventListener(type, listener);
    return () => video.removeEventListener(type, listener);
  });
  video.addEventListener('seeking', onSeeking);
  video.addEventListener('seeked', onSeeked);
  return {
    lastPaint: () => lastPaint,
    unbind() {
      clearTimeout(timer);
      forward.forEach((off) => off());
      video.removeEventListener('seeking', onSeeking);
      video.removeEventListener('seeked', onSeeked);
    },
  };
}

/** Frees the element's decoder and buffers: WebKit keeps them while a `src` is set, even
 *  for an element that left the DOM, so memory grew with every run opened. */
export function releaseVideo(video: HTMLVideoElement): void {
  video.pause();
  video.removeAttribute('src');
  video.load();
}

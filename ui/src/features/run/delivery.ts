// What the file a route delivered says about itself (probed by the core: size, length,
// audio) against what the route was asked for (the clip's resolved values, i.e. after any
// parity adjustment, which the tile already shows as its own note). A mismatch here is the
// provider not doing what it was told; the tile shows it as a badge.

import type { ClipView } from '../../ipc/bindings.gen';

export interface DeliveryMismatch {
  param: 'size' | 'duration' | 'audio';
  /** Short badge text, "asked 10 s → got 5.0 s". */
  message: string;
}

/** Off by more than this many seconds: the export contract's own tolerance. */
const DURATION_SLACK_S = 0.5;
/** Short side off by more than this fraction (encoders round to 8 or 16: 720p → 704). */
const SHORT_SIDE_SLACK = 0.05;
/** Aspect off by more than this fraction (a 1248×704 frame is still 16:9). */
const ASPECT_SLACK = 0.03;

/** The short side a resolution word names (`720p`, `1024p`, `4k`), as the catalog means it. */
export function shortSide(resolution: string): number | null {
  const word = resolution.trim().toLowerCase();
  if (word === '4k') return 2160;
  const n = Number.parseInt(word, 10);
  return /^\d+p$/.test(word) && n > 0 ? n : null;
}

/** `16:9` → 16/9 (width over height); null for anything else. */
export function aspectValue(aspect: string): number | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*:\s*(\d+(?:\.\d+)?)\s*$/.exec(aspect);
  return m && Number(m[1]) > 0 && Number(m[2]) > 0 ? Number(m[1]) / Number(m[2]) : null;
}

const off = (got: number, want: number) => Math.abs(got - want) / want;

function sizeMismatch(clip: ClipView): DeliveryMismatch | null {
  const { width, height, resolved } = clip;
  if (!width || !height) return null;
  const short = shortSide(resolved.resolution);
  const aspect = aspectValue(resolved.aspect);
  const wrongShort = short != null && off(Math.min(width, height), short) > SHORT_SIDE_SLACK;
  const wrongAspect = aspect != null && off(width / height, aspect) > ASPECT_SLACK;
  if (!wrongShort && !wrongAspect) return null;
  return { param: 'size', message: `asked ${resolved.resolution} ${resolved.aspect} → got ${width}×${height}` };
}

function durationMismatch(clip: ClipView): DeliveryMismatch | null {
  const asked = clip.resolved.duration_s;
  if (clip.duration_s == null || !(asked > 0) || Math.abs(clip.duration_s - asked) <= DURATION_SLACK_S) return null;
  // An extension asks for the seconds it adds; whether a route returns them alone or stitched
  // after the source is UNCONFIRMED per route, so only a file shorter than the addition is wrong.
  if (clip.continues === 'extend' && clip.duration_s >= asked - DURATION_SLACK_S) return null;
  return { param: 'duration', message: `asked ${asked} s → got ${clip.duration_s.toFixed(1)} s` };
}

function audioMismatch(clip: ClipView): DeliveryMismatch | null {
  if (clip.has_audio == null || clip.has_audio === clip.resolved.audio) return null;
  return { param: 'audio', message: clip.resolved.audio ? 'asked audio → got none' : 'asked silent → got audio' };
}

/** Every way the delivered file differs from what was asked; empty before it is probed. */
export function deliveryMismatches(clip: ClipView): DeliveryMismatch[] {
  if (clip.status !== 'succeeded') return [];
  return [sizeMismatch(clip), durationMismatch(clip), audioMismatch(clip)].filter((m): m is DeliveryMismatch => m != null);
}

// Zoom and pan shared by every tile: one view in frame-relative units (the point of the frame
// at the tile's centre, and a scale where 1 fits the frame), so tiles of different pixel
// sizes show the same region of their clips.

export interface View {
  /** 1: the whole frame fits the tile. */
  scale: number;
  /** The frame point (0..1 across, 0..1 down) shown at the tile's centre. */
  cx: number;
  cy: number;
}

export const FIT: View = { scale: 1, cx: 0.5, cy: 0.5 };
export const MAX_SCALE = 32;
/** One wheel notch (deltaY 100) zooms by about 20 %. */
const WHEEL_SENSITIVITY = 0.0018;

/** Keeps the frame covering the tile: no zooming out past fit, no panning past an edge. */
export function clampView(v: View): View {
  const scale = Math.min(Math.max(1, v.scale), MAX_SCALE);
  const half = 0.5 / scale;
  const clamp = (c: number) => Math.min(Math.max(half, c), 1 - half);
  return { scale, cx: clamp(v.cx), cy: clamp(v.cy) };
}

/** Zooms by `factor` keeping the frame point under the cursor (u, w: 0..1 in the tile) in place. */
export function zoomAt(v: View, factor: number, u: number, w: number): View {
  const px = v.cx + (u - 0.5) / v.scale;
  const py = v.cy + (w - 0.5) / v.scale;
  const scale = Math.min(Math.max(1, v.scale * factor), MAX_SCALE);
  return clampView({ scale, cx: px - (u - 0.5) / scale, cy: py - (w - 0.5) / scale });
}

/** Moves the picture with a drag of (dx, dy) given as fractions of the tile's size. */
export function panBy(v: View, dx: number, dy: number): View {
  return clampView({ scale: v.scale, cx: v.cx - dx / v.scale, cy: v.cy - dy / v.scale });
}

/** The wheel's zoom factor: up (negative deltaY) zooms in. */
export function wheelFactor(deltaY: number): number {
  return Math.exp(-deltaY * WHEEL_SENSITIVITY);
}

/** The scale at which one video pixel is one screen pixel in a `boxW`×`boxH` tile (contain fit). */
export function oneToOneScale(videoW: number, videoH: number, boxW: number, boxH: number): number {
  if (videoW <= 0 || videoH <= 0 || boxW <= 0 || boxH <= 0) return 1;
  const shownWidth = Math.min(boxW, (boxH * videoW) / videoH);
  return Math.min(Math.max(1, videoW / shownWidth), MAX_SCALE);
}

/** The CSS transform (origin top left) that shows view `v` in an element filling the tile. */
export function viewTransform(v: View): string {
  if (v.scale === 1) return 'none';
  const tx = (0.5 - v.cx * v.scale) * 100;
  const ty = (0.5 - v.cy * v.scale) * 100;
  return `translate(${round(tx)}%, ${round(ty)}%) scale(${round(v.scale)})`;
}

const round = (n: number) => Math.round(n * 1000) / 1000;

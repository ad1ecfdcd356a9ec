// Loop in/out points: the span playback runs over and wraps in. Pure, so the group clock,
// the scrubber marks and the tests agree on where a loop starts and ends.

/** In/out points in seconds (null: the clip's start/end) and whether playback wraps. */
export interface LoopPoints {
  in: number | null;
  out: number | null;
  /** On: playback wraps from the out point to the in point. Off: it stops at the out point. */
  on: boolean;
}

export const NO_LOOP_POINTS: LoopPoints = { in: null, out: null, on: true };

export interface PlayRange {
  start: number;
  end: number;
}

/** Shorter than this, a range is treated as no range (a double press of I then O on one frame). */
const MIN_SPAN_S = 1e-3;

/** The span playback covers: the in/out points clamped to the clip, else the whole clip. */
export function playRange(points: Pick<LoopPoints, 'in' | 'out'>, duration: number): PlayRange {
  const clamp = (t: number) => Math.min(Math.max(0, t), duration);
  const start = points.in == null ? 0 : clamp(points.in);
  const end = points.out == null ? duration : clamp(points.out);
  if (end - start < MIN_SPAN_S) return { start: 0, end: duration };
  return { start, end };
}

/** Sets the in point at `t`; an out point at or before it is dropped. */
export function markIn(points: LoopPoints, t: number): LoopPoints {
  const out = points.out != null && points.out <= t ? null : points.out;
  return { ...points, in: Math.max(0, t), out };
}

/** Sets the out point at `t`; an in point at or after it is dropped. */
export function markOut(points: LoopPoints, t: number): LoopPoints {
  const inPoint = points.in != null && points.in >= t ? null : points.in;
  return { ...points, in: inPoint, out: Math.max(0, t) };
}

/** Where the scrubber draws the range, as fractions of the clip (null: nothing to draw). */
export function rangeMarks(points: LoopPoints, duration: number): { from: number; to: number } | null {
  if (duration <= 0 || (points.in == null && points.out == null)) return null;
  const { start, end } = playRange(points, duration);
  return { from: start / duration, to: end / duration };
}

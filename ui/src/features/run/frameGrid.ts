// Frame arithmetic for the player: which frame a time shows, where a frame's centre is,
// and the timecode the transport prints. Pure, so steps and the counter agree by construction.

/** Used only when the file did not say (not yet probed): the commonest rate among routes. */
export const FALLBACK_FPS = 24;

/** Slack for float time: 0.5/24 s stored as a double must still read as frame 0. */
const EPSILON_S = 1e-6;

/** A usable frame rate: the probed one, else the fallback. */
export function usableFps(fps: number | null | undefined): number {
  return fps != null && Number.isFinite(fps) && fps > 0 ? fps : FALLBACK_FPS;
}

/** The index of the frame displayed at `seconds` (frame n covers [n/fps, (n+1)/fps)). */
export function frameAt(seconds: number, fps: number): number {
  return Math.max(0, Math.floor(seconds * fps + EPSILON_S));
}

/** The middle of frame `n`: seeking there lands on that frame whatever the decoder rounds. */
export function frameCentre(n: number, fps: number): number {
  return (Math.max(0, n) + 0.5) / fps;
}

/** Index of the last whole frame of a clip `duration` seconds long. */
export function lastFrame(duration: number, fps: number): number {
  return Math.max(0, Math.ceil(duration * fps - EPSILON_S) - 1);
}

/**
 * Where a clip at `fps` should sit to show the frame the leader's grid puts at `seconds`:
 * the centre of its own frame that contains that instant, so a 12 fps take beside a 24 fps
 * one holds its frame for two leader frames instead of landing on a frame edge.
 */
export function snapToFrame(seconds: number, fps: number, duration: number): number {
  const n = Math.min(frameAt(seconds, fps), lastFrame(duration, fps));
  return Math.min(frameCentre(n, fps), duration);
}

/** SMPTE-style HH:MM:SS:FF for a frame index (non-drop; fractional rates use the rounded base). */
export function timecode(frame: number, fps: number): string {
  const base = Math.max(1, Math.round(fps));
  const ff = frame % base;
  const totalSeconds = Math.floor(frame / base);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(Math.floor(totalSeconds / 3600))}:${two(Math.floor(totalSeconds / 60) % 60)}:${two(totalSeconds % 60)}:${two(ff)}`;
}

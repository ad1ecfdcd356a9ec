// Motion control in the composer, worded from RouteInfo.motion: which ticked models take a
// reference video (and which run without it), and whether a reference fits their limits
// before any plan is asked for. The plan (core or fake) stays the authority.
import type { MotionInfo, MotionOrientation } from '../ipc/bindings.gen';
import { joinNames, type SelectedRoute } from './capabilities';

export interface MotionSupport {
  /** Selected routes with motion control. */
  takers: SelectedRoute[];
  /** Names of the selected models that run without the reference (a parity note each). */
  without: string[];
}

export function motionSupport(routes: SelectedRoute[]): MotionSupport {
  const takers = routes.filter((r) => r.route.motion);
  const without = [...new Set(routes.filter((r) => !r.route.motion).map((r) => r.model.name))];
  return { takers, without };
}

/** "3–30 s" for the orientation, across the takers (the tightest limits). */
export function lengthLimits(infos: MotionInfo[], orientation: MotionOrientation): { min: number; max: number } | null {
  if (infos.length === 0) return null;
  const min = Math.max(...infos.map((m) => m.min_seconds));
  const max = Math.min(...infos.map((m) => (orientation === 'image' ? m.max_seconds_image : m.max_seconds_video)));
  return { min, max };
}

/** Why a reference of `seconds` cannot run (names the limit and the way out), or null. */
export function lengthProblem(seconds: number, infos: MotionInfo[], orientation: MotionOrientation): string | null {
  const limits = lengthLimits(infos, orientation);
  if (!limits || (seconds + 0.05 >= limits.min && seconds <= limits.max + 0.05)) return null;
  const shown = `${seconds.toFixed(1)} s`;
  if (seconds < limits.min) return `${shown} is too short: motion control needs ${limits.min}–${limits.max} s`;
  const video = lengthLimits(infos, 'video');
  const hint = orientation === 'image' && video && seconds <= video.max ? '; keep the video’s orientation to allow up to ' + `${video.max} s` : '';
  return `${shown} is too long: ${limits.min}–${limits.max} s with this orientation${hint}`;
}

/** The line under the picker: who performs the motion, who runs without it. */
export function motionUses(support: MotionSupport): string {
  const takers = joinNames([...new Set(support.takers.map((r) => r.model.name))]);
  if (!takers) return 'none of the selected models has motion control';
  if (support.without.length === 0) return `performed by ${takers}`;
  return `performed by ${takers}; ${joinNames(support.without)} ${support.without.length === 1 ? 'runs' : 'run'} without it`;
}

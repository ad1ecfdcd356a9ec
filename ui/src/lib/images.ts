// Image-to-video wording and the plan facts the UI reads about picked images.
import type { ImportedImage, RunPlan } from '../ipc/bindings.gen';

/** How a planned clip treats the start image: sends it, or runs text-to-video without it. */
export type ImageUse = 'image' | 'text';

/**
 * Per `model@route`, whether the clip will use the start image, as planned: a clip that kept
 * `resolved.start_image` uses it, one that dropped it carries the "ran text-to-video" parity
 * note instead. (RouteInfo says what a route can take; the plan says what this request does.)
 */
export function imageUseByKey(plan: RunPlan | null): Map<string, ImageUse> {
  if (!plan?.params.start_image) return new Map();
  return new Map(plan.clips.map((c) => [`${c.model}@${c.route}`, c.resolved.start_image ? 'image' : 'text']));
}

/** "1920×1080 · PNG"; empty for an image known only by its path (reused from a past run). */
export function describeImage(image: Pick<ImportedImage, 'width' | 'height' | 'format'>): string {
  if (!image.width || !image.height) return '';
  return `${image.width}×${image.height} · ${image.format.toUpperCase()}`;
}

/**
 * The core's `image_aspect` message ends with the CLI's remedy ("…; pass --crop to
 * centre-crop it to 16:9"). In the app a button replaces the flag, so split the two.
 */
export function splitAspectProblem(message: string): { problem: string; target: string | null } {
  const match = /;\s*pass --crop to centre-crop it to (\S+)\s*$/.exec(message);
  if (!match) return { problem: message, target: null };
  return { problem: message.slice(0, match.index), target: match[1] };
}

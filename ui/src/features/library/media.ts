// Where a library clip's poster frame and video are served from, and how a tile names it.
import type { ClipView, MediaInfo } from '../../ipc/bindings.gen';
import { routeName } from '../../lib/models';

/** The loopback server serves `<clip>.jpg` next to `<clip>.mp4`, by the same relative path. */
export function mediaUrl(media: MediaInfo | null, relative: string | null): string | null {
  if (!media?.base_url || !relative) return null;
  const path = relative.split('/').map(encodeURIComponent).join('/');
  return `${media.base_url.replace(/\/+$/, '')}/${path}`;
}

export const posterUrl = (media: MediaInfo | null, clip: ClipView) => mediaUrl(media, clip.poster_path);
export const videoUrl = (media: MediaInfo | null, clip: ClipView) =>
  clip.status === 'succeeded' ? mediaUrl(media, clip.media_path) : null;

/** "Kling 3.0 Pro@fal": the model and the route it ran through, as a selector reads. */
export function modelAtRoute(clip: ClipView): string {
  return `${clip.model_name}@${routeName(clip.route)}`;
}

/** 0..1 across an element, clamped: where a hovering pointer is along a clip. */
export function scrubFraction(clientX: number, left: number, width: number): number {
  if (width <= 0) return 0;
  return Math.min(1, Math.max(0, (clientX - left) / width));
}

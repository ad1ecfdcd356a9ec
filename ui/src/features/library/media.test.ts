import { describe, expect, it } from 'vitest';
import type { ClipView } from '../../ipc/bindings.gen';
import { mediaUrl, modelAtRoute, posterUrl, scrubFraction, videoUrl } from './media';

const media = { base_url: 'http://127.0.0.1:4000/tok/' };
const clip = (over: Partial<ClipView>) =>
  ({ status: 'succeeded', media_path: 'run a/c1.mp4', poster_path: 'run a/c1.jpg', model_name: 'Kling 3.0 Pro', route: 'kling', ...over }) as ClipView;

describe('library media', () => {
  it('serves the poster and the video by their relative paths, encoded', () => {
    expect(posterUrl(media, clip({}))).toBe('http://127.0.0.1:4000/tok/run%20a/c1.jpg');
    expect(videoUrl(media, clip({}))).toBe('http://127.0.0.1:4000/tok/run%20a/c1.mp4');
  });

  it('has nothing to show without a poster, a file, or the media server', () => {
    expect(posterUrl(media, clip({ poster_path: null }))).toBeNull();
    expect(videoUrl(media, clip({ status: 'failed' }))).toBeNull();
    expect(mediaUrl(null, 'a.jpg')).toBeNull();
  });

  it('names a clip by model and route', () => {
    expect(modelAtRoute(clip({}))).toBe('Kling 3.0 Pro@Kling');
  });

  it('maps the pointer to a point in the clip, clamped', () => {
    expect(scrubFraction(150, 100, 200)).toBe(0.25);
    expect(scrubFraction(50, 100, 200)).toBe(0);
    expect(scrubFraction(400, 100, 200)).toBe(1);
    expect(scrubFraction(10, 0, 0)).toBe(0);
  });
});

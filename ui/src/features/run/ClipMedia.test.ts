import { render } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import { makeClip } from '../../../test/fixtures';
import ClipMedia from './ClipMedia.svelte';

describe('ClipMedia', () => {
  it('frees the decoder when the clip leaves the stage (pause, drop src, load)', () => {
    const pause = vi.spyOn(HTMLMediaElement.prototype, 'pause').mockImplementation(() => {});
    const load = vi.spyOn(HTMLMediaElement.prototype, 'load').mockImplementation(() => {});
    const { unmount } = render(ClipMedia, { clip: makeClip({ status: 'succeeded' }), src: 'http://127.0.0.1:1/a.mp4' });
    const video = document.querySelector('video')!;
    expect(video).toHaveAttribute('src');
    unmount();
    expect(video.hasAttribute('src')).toBe(false);
    expect(pause).toHaveBeenCalled();
    expect(load).toHaveBeenCalled();
    pause.mockRestore();
    load.mockRestore();
  });
});

import { render } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import { makeClip } from '../../../test/fixtures';
import ClipMedia from './ClipMedia.svelte';
import { PlaybackSync, SYNC_CONTEXT } from './playbackSync.svelte';

describe('ClipMedia', () => {
  it('frees the decoder when the clip leaves the stage (pause, drop src, load)', () => {
    const pause = vi.spyOn(HTMLMediaElement.prototype, 'pause').mockImplementation(() => {});
    const load = vi.spyOn(HTMLMediaElement.prototype, 'load').mockImplementation(() => {});
    const { unmount } = render(ClipMedia, { clip: makeClip({ status: 'succeeded' }), src: 'http://127.0.0.1:1/a.mp4' });
    const video = document.querySelector('video')!;
    expect(video).toHaveAttribute('src');
    // Readable by a canvas (PNG output): the media server allows it (media.rs).
    expect(video).toHaveAttribute('crossorigin', 'anonymous');
    unmount();
    expect(video.hasAttribute('src')).toBe(false);
    expect(pause).toHaveBeenCalled();
    expect(load).toHaveBeenCalled();
    pause.mockRestore();
    load.mockRestore();
  });

  it('keeps its element and source when the player state changes (sound on, solo)', async () => {
    vi.spyOn(HTMLMediaElement.prototype, 'pause').mockImplementation(() => {});
    const load = vi.spyOn(HTMLMediaElement.prototype, 'load').mockImplementation(() => {});
    const sync = new PlaybackSync();
    render(ClipMedia, {
      props: { clip: makeClip({ status: 'succeeded' }), src: 'http://127.0.0.1:1/a.mp4' },
      context: new Map([[SYNC_CONTEXT, sync]]),
    });
    sync.toggleMute();
    sync.soloClip('clip_1');
    await Promise.resolve();
    expect(document.querySelector('video')).toHaveAttribute('src');
    expect(load).not.toHaveBeenCalled();
    expect(sync.count).toBe(1);
    vi.restoreAllMocks();
  });
});

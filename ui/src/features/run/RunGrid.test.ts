import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import { makeClip } from '../../../test/fixtures';
import type { RunView } from '../../ipc/bindings.gen';
import { PlaybackSync, SYNC_CONTEXT } from './playbackSync.svelte';
import RunGrid from './RunGrid.svelte';

describe('RunGrid compare layout', () => {
  it('features one take with the others as a strip, keeping the same video elements', async () => {
    vi.spyOn(HTMLMediaElement.prototype, 'pause').mockImplementation(() => {});
    vi.spyOn(HTMLMediaElement.prototype, 'load').mockImplementation(() => {});
    const clips = ['a', 'b', 'c'].map((id) => makeClip({ id, status: 'succeeded', media_path: `${id}.mp4` }));
    const run = { run_id: 'r', prompt: 'p', params: { prompt: 'p' }, created_at: '', estimated_cost_usd: 0, demo: true, clips } as unknown as RunView;
    const sync = new PlaybackSync();
    render(RunGrid, { props: { run, media: { base_url: 'http://127.0.0.1:1/t' } }, context: new Map([[SYNC_CONTEXT, sync]]) });
    const videoOf = (id: string) => document.querySelector(`[data-clip-video="${id}"]`);
    const before = videoOf('b');
    const buttons = await screen.findAllByRole('button', { name: 'Show this take large' });
    await fireEvent.click(buttons[1]);
    expect(screen.getByTestId('run-grid').dataset.featured).toBe('b');
    expect(document.querySelector('[data-clip-id="b"]')).toHaveClass('featured');
    expect(videoOf('b')).toBe(before); // not remounted: no reload, no re-seek
    await fireEvent.click(screen.getByRole('button', { name: 'Back to the grid' }));
    expect(screen.getByTestId('run-grid').dataset.featured).toBeUndefined();
    vi.restoreAllMocks();
  });
});

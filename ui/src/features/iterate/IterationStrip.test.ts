import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import { makeClip } from '../../../test/fixtures';
import type { Iteration, IterationVersion } from '../../ipc/bindings.gen';
import IterationStrip from './IterationStrip.svelte';

const version = (run_id: string, over: Partial<IterationVersion> = {}): IterationVersion => ({
  run_id, parent_run_id: null, prompt: `prompt of ${run_id}`, created_at: '2026-12-07T10:00:00Z',
  winner: null, clip_count: 2, succeeded: 2, cost_usd: 1, cost_billed_usd: 0, ...over,
});

const iteration: Iteration = {
  run_id: 'r2',
  versions: [
    version('r1', { cost_usd: 1.68, cost_billed_usd: 1.68, winner: makeClip({ id: 'w1', run_id: 'r1', take: 2, media_path: 'r1/w1 clip.mp4', poster_path: 'r1/w1 clip.jpg' }) }),
    version('r2', { parent_run_id: 'r1', cost_usd: 0.62, cost_billed_usd: 0 }),
  ],
  total_cost_usd: 2.3,
  total_billed_usd: 1.68,
  prompt_diff: [],
};

describe('IterationStrip', () => {
  it('shows each version with its winner and its cost labelled billed or estimated', () => {
    render(IterationStrip, { iteration, media: { base_url: 'http://127.0.0.1:9/t' }, onopen: vi.fn() });
    const [v1, v2] = within(screen.getByTestId('iteration-strip')).getAllByRole('button');
    expect(v1).toHaveTextContent('v1 ★ Kling 3.0 Pro take 2 $1.68 billed');
    // The winner's poster, never a <video>: one decoder per version would grow with every run.
    expect(v1.querySelector('img')).toHaveAttribute('src', 'http://127.0.0.1:9/t/r1/w1%20clip.jpg');
    expect(screen.getByTestId('iteration-strip').querySelector('video')).toBeNull();
    expect(v2).toHaveTextContent('v2 2/2 delivered, no pick est. $0.62');
    expect(v2.querySelector('img')).toBeNull();
    expect(screen.getByTestId('iteration-cost')).toHaveTextContent('iteration $2.30 · 73 % billed');
  });

  it('opens another version, not the one on stage', async () => {
    const onopen = vi.fn();
    render(IterationStrip, { iteration, onopen });
    const [v1, v2] = within(screen.getByTestId('iteration-strip')).getAllByRole('button');
    expect(v2).toBeDisabled();
    expect(v2).toHaveAttribute('aria-current', 'true');
    await fireEvent.click(v1);
    expect(onopen).toHaveBeenCalledExactlyOnceWith('r1');
  });
});

import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { makeClip } from '../../../test/fixtures';
import type { ClipView, Eta } from '../../ipc/bindings.gen';
import ClipTile from './ClipTile.svelte';

const NOW = 1_760_000_000_000;
const ETA: Eta = {
  source: 'catalog', samples: 0, queue_p50_ms: 10_000, queue_p90_ms: 25_000, generate_p50_ms: 60_000, generate_p90_ms: 154_000,
  total_p50_ms: 70_000, total_p90_ms: 180_000, end_p50_ms: NOW + 38_000, end_p90_ms: NOW + 148_000,
};

function renderTile(overrides: Partial<ClipView>) {
  render(ClipTile, { clip: makeClip(overrides), src: null, now: NOW });
}

describe('the tile ETA', () => {
  it('counts down on a generating tile and says when the figures are the catalog prior', () => {
    renderTile({ status: 'generating', submitted_at_ms: NOW - 32_000, started_at_ms: NOW - 20_000, eta: ETA });
    const eta = screen.getByTestId('eta');
    expect(eta).toHaveTextContent('~38 s left · p90 2:28 · from catalog');
    expect(eta.title).toContain("catalog's usual time");
  });

  it('shows an overdue queued clip as over its p90', () => {
    renderTile({ status: 'queued', submitted_at_ms: NOW - 200_000, eta: { ...ETA, source: 'history', samples: 3, end_p50_ms: NOW - 60_000, end_p90_ms: NOW - 12_000 } });
    const eta = screen.getByTestId('eta');
    expect(eta).toHaveTextContent('over p90 by 12 s');
    expect(eta).not.toHaveTextContent('from catalog');
  });

  it('is absent once the clip is done, and without an ETA', () => {
    renderTile({ status: 'downloading', eta: ETA });
    expect(screen.queryByTestId('eta')).toBeNull();
  });

  it('is absent on a waiting tile the core gave no ETA', () => {
    renderTile({ status: 'pending', eta: null });
    expect(screen.queryByTestId('eta')).toBeNull();
  });
});

import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { makeClip } from '../../../test/fixtures';
import type { ClipView } from '../../ipc/bindings.gen';
import ClipTile from './ClipTile.svelte';

const NOW = 1_760_000_000_000;

function renderTile(overrides: Partial<ClipView>, src: string | null = null) {
  render(ClipTile, { clip: makeClip(overrides), src, now: NOW });
  return document.querySelector<HTMLElement>('[data-clip-id="clip_1"]')!;
}

const text = (tile: HTMLElement, selector: string) => tile.querySelector(selector)?.textContent?.trim();

describe('ClipTile', () => {
  it('labels itself with id, status and model for tests and assistive tech', () => {
    const tile = renderTile({ status: 'pending' });
    expect(tile.dataset.status).toBe('pending');
    expect(tile.dataset.model).toBe('kling-3.0-pro');
    expect(tile).toHaveTextContent('Kling 3.0 Pro');
    expect(tile).toHaveTextContent('fal');
    expect(text(tile, '.tile-cost')).toBe('est. $0.84');
  });

  it('shows "sending…" while submitting', () => {
    expect(renderTile({ status: 'submitting', submitted_at_ms: NOW - 1_000 })).toHaveTextContent('sending…');
  });

  it('shows the queue position when known', () => {
    const tile = renderTile({ status: 'queued', queue_position: 3, submitted_at_ms: NOW - 4_000 });
    expect(screen.getByTestId('queue-position')).toHaveTextContent('#3 in line');
    expect(text(tile, '.tile-latency')).toBe('4.0 s so far');
  });

  it('shows a clip held back by its route\'s concurrency limit with its place in line', () => {
    const tile = renderTile({ status: 'pending', queue_position: 2 });
    expect(screen.getByTestId('send-line')).toHaveTextContent('#2 in line');
    expect(tile).toHaveTextContent('fal is at its concurrency limit');
  });

  it('shows a plain pending clip without a line', () => {
    renderTile({ status: 'pending' });
    expect(screen.queryByTestId('send-line')).toBeNull();
  });

  it('shows elapsed generating time and progress', () => {
    const tile = renderTile({
      status: 'generating',
      submitted_at_ms: NOW - 20_000,
      started_at_ms: NOW - 12_000,
      progress: 40,
      latency_ms: { queued: 8_000, generating: null, downloading: null, total: null },
    });
    expect(screen.getByTestId('elapsed')).toHaveTextContent('0:12');
    expect(screen.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '40');
    expect(tile).toHaveTextContent('40%');
    expect(text(tile, '.tile-latency')).toBe('20.0 s so far · queue 8.0 s');
  });

  it('shows an indeterminate bar while generating without a percentage', () => {
    renderTile({ status: 'generating', started_at_ms: NOW - 3_000, progress: null });
    expect(screen.getByRole('progressbar')).not.toHaveAttribute('aria-valuenow');
  });

  it('shows downloading', () => {
    expect(renderTile({ status: 'downloading' })).toHaveTextContent('downloading');
  });

  it('plays a succeeded clip with cost, latency, probe and parity notes', () => {
    const tile = renderTile(
      {
        status: 'succeeded',
        cost_usd: 0.84,
        cost_kind: 'estimated',
        latency_ms: { total: 58_200, queued: 12_100, generating: 44_000, downloading: 2_100 },
        width: 1920,
        height: 1080,
        duration_s: 5,
        has_audio: true,
        fps: 24,
        frame_count: 120,
        media_path: 'runs/run_1/clip_1.mp4',
        parity: [{ param: 'duration', asked: '10', ran: '12', message: 'asked 10 s → ran 12 s' }],
      },
      'http://127.0.0.1:9999/t/runs/run_1/clip_1.mp4',
    );
    const video = tile.querySelector('video')!;
    expect(video).toHaveAttribute('src', 'http://127.0.0.1:9999/t/runs/run_1/clip_1.mp4');
    expect(video.muted).toBe(true);
    // The group clock starts and wraps clips; a native loop or autoplay would fight it.
    expect(video.loop).toBe(false);
    expect(video.autoplay).toBe(false);
    expect(video).toHaveAttribute('playsinline');
    expect(video).toHaveAttribute('preload', 'auto');
    expect(text(tile, '.tile-cost')).toBe('est. $0.84');
    expect(text(tile, '.tile-latency')).toBe('58.2 s · queue 12.1 s · gen 44.0 s · dl 2.1 s');
    expect(tile).toHaveTextContent('1920×1080 · 5.0 s · audio');
    expect(tile).toHaveTextContent('asked 10 s → ran 12 s');
  });

  it('badges a delivered file whose probed size, length or audio is not what was asked', () => {
    // Asked (resolved): 1080p 16:9, 5 s, with audio.
    const tile = renderTile({ status: 'succeeded', width: 1280, height: 720, duration_s: 10.04, has_audio: false });
    const badges = [...tile.querySelectorAll<HTMLElement>('[data-testid="delivery-mismatch"]')];
    expect(badges.map((b) => [b.dataset.param, b.textContent?.trim()])).toEqual([
      ['size', 'asked 1080p 16:9 → got 1280×720'],
      ['duration', 'asked 5 s → got 10.0 s'],
      ['audio', 'asked audio → got none'],
    ]);
    const asAsked = renderTileWithId('clip_2', { status: 'succeeded', width: 1920, height: 1080, duration_s: 5.02, has_audio: true });
    expect(asAsked.querySelector('[data-testid="delivery-mismatch"]')).toBeNull();
  });

  it('shows a placeholder frame when a finished clip has no media to play', () => {
    const tile = renderTile({ status: 'succeeded', cost_usd: 0.84 }, null);
    expect(tile.querySelector('video')).toBeNull();
    expect(tile).toHaveTextContent('Simulated clip');
  });

  it('shows the plain-language failure', () => {
    const tile = renderTile({ status: 'failed', error: { code: 'content_policy', message: 'Kling rejected the prompt: content policy' } });
    expect(screen.getByTestId('error-message')).toHaveTextContent('Kling rejected the prompt: content policy');
    expect(text(tile, '.tile-cost')).toBe('nothing delivered');
  });

  it('warns that an unknown clip may have been charged', () => {
    const tile = renderTile({ status: 'unknown' });
    expect(tile).toHaveTextContent('Unknown — may have been charged; not resubmitted');
    expect(text(tile, '.tile-cost')).toBe('est. $0.84 · may be charged');
  });

  it('shows what the provider billed next to the estimate', () => {
    const tile = renderTile({ status: 'succeeded', cost_usd: 0.84, cost_kind: 'billed', billed_cost_usd: 0.84, route: 'kling' });
    expect(text(tile, '.tile-cost')).toBe('$0.84 billed · est. $0.84');
    const over = renderTileWithId('clip_2', { status: 'succeeded', cost_usd: 0.98, cost_kind: 'billed', billed_cost_usd: 0.98 });
    expect(text(over, '.tile-cost')).toBe('$0.98 billed · est. $0.84');
  });

  it('shows every parity note as a badge, and keeps the notes row when there are none', () => {
    const tile = renderTile({
      status: 'succeeded',
      cost_usd: 0.4,
      parity: [
        { param: 'start-image', asked: '/in.png', ran: '', message: 'start image not supported: ran text-to-video' },
        { param: 'cfg', asked: '1.5', ran: '', message: 'cfg scale ignored' },
        { param: 'shots', asked: '2 shots', ran: '1', message: 'multi-shot not supported: shots joined into one prompt' },
      ],
    });
    const notes = tile.querySelector('[data-testid="parity-notes"]')!;
    expect([...notes.querySelectorAll('.badge')].map((b) => b.textContent?.trim())).toEqual([
      'start image not supported: ran text-to-video',
      'cfg scale ignored',
      'multi-shot not supported: shots joined into one prompt',
    ]);
    const plain = renderTileWithId('clip_2', { status: 'succeeded', cost_usd: 0.84 });
    const reserved = plain.querySelector('[data-testid="parity-notes"]');
    expect(reserved).toBeInTheDocument();
    expect(reserved!.querySelectorAll('.badge')).toHaveLength(0);
  });
});

function renderTileWithId(id: string, overrides: Partial<ClipView>) {
  render(ClipTile, { clip: makeClip({ id, ...overrides }), src: null, now: NOW });
  return document.querySelector<HTMLElement>(`[data-clip-id="${id}"]`)!;
}

import { fireEvent, render } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import ClipGrid from './ClipGrid.svelte';
import { libraryClip } from './testClips';

const media = { base_url: 'http://127.0.0.1:4000/tok' };
const tiles = () => document.querySelectorAll('[data-library-clip]');

describe('ClipGrid', () => {
  const clips = Array.from({ length: 10_000 }, (_, i) => libraryClip(i));

  it('puts only the rows in view into the DOM, with 10 000 clips', () => {
    render(ClipGrid, { clips, media, selectedId: null, hasMore: false, onselect: () => {}, onmore: () => {} });
    const count = tiles().length;
    expect(count).toBeGreaterThan(0);
    expect(count).toBeLessThan(100);
    expect(tiles()[0].getAttribute('data-library-clip')).toBe('clip_000000');
  });

  it('renders the rows at the scroll position, still bounded', async () => {
    render(ClipGrid, { clips, media, selectedId: null, hasMore: false, onselect: () => {}, onmore: () => {} });
    const viewport = document.querySelector<HTMLElement>('[data-testid="clip-grid"]')!;
    viewport.scrollTop = 200_000;
    await fireEvent.scroll(viewport);
    const ids = [...tiles()].map((t) => t.getAttribute('data-library-clip'));
    expect(ids.length).toBeLessThan(100);
    expect(ids).not.toContain('clip_000000');
    expect(Number(ids[0]!.slice(5))).toBeGreaterThan(1000);
  });

  it('goes back to the top for a new result set', async () => {
    const props = { clips, media, selectedId: null, hasMore: false, resetKey: 1, onselect: () => {}, onmore: () => {} };
    const { rerender } = render(ClipGrid, props);
    const viewport = document.querySelector<HTMLElement>('[data-testid="clip-grid"]')!;
    viewport.scrollTop = 200_000;
    await fireEvent.scroll(viewport);
    expect(tiles()[0].getAttribute('data-library-clip')).not.toBe('clip_000000');
    await rerender({ ...props, clips: clips.slice(0, 5000), resetKey: 2 });
    expect(tiles()[0].getAttribute('data-library-clip')).toBe('clip_000000');
  });

  it('shows the poster, or a plain tile without one, and the clip facts', () => {
    const few = [libraryClip(0, { rating: 4 }), libraryClip(1, { poster_path: null, status: 'failed', cost_usd: null, cost_kind: null })];
    render(ClipGrid, { clips: few, media, selectedId: null, hasMore: false, onselect: () => {}, onmore: () => {} });
    const [first, second] = tiles();
    expect(first.querySelector('img')?.getAttribute('src')).toBe('http://127.0.0.1:4000/tok/run/0.jpg');
    expect(first).toHaveTextContent('Kling 3.0 Pro@Kling');
    expect(first).toHaveTextContent('$1.12 billed');
    expect(first).toHaveTextContent('★★★★');
    expect(first).toHaveTextContent('done');
    expect(second.querySelector('img')).toBeNull();
    expect(second).toHaveTextContent('failed');
    expect(second).toHaveTextContent('nothing delivered');
  });

  it('plays a muted video only while the pointer is over a tile', async () => {
    render(ClipGrid, { clips: [libraryClip(0)], media, selectedId: null, hasMore: false, onselect: () => {}, onmore: () => {} });
    const frame = tiles()[0].querySelector<HTMLElement>('.frame')!;
    expect(document.querySelector('video')).toBeNull();
    await fireEvent.pointerEnter(frame);
    const video = document.querySelector('video')!;
    expect(video.getAttribute('src')).toBe('http://127.0.0.1:4000/tok/run/0.mp4');
    expect(video.muted).toBe(true);
    await fireEvent.pointerLeave(frame);
    expect(document.querySelector('video')).toBeNull();
  });

  it('asks for the next page near the end of what is loaded, and selects on click', async () => {
    const onmore = vi.fn();
    const onselect = vi.fn();
    render(ClipGrid, { clips: clips.slice(0, 12), media, selectedId: null, hasMore: true, onselect, onmore });
    expect(onmore).toHaveBeenCalled();
    await fireEvent.click(tiles()[2]);
    expect(onselect).toHaveBeenCalledWith('clip_000002');
  });
});

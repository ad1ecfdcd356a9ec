import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { createRawSnippet } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeClip } from '../../../test/fixtures';
import type { RunView } from '../../ipc/bindings.gen';
import type { ClipActions } from './clipActions';
import RunStage from './RunStage.svelte';
import type { RunStore } from './runStore.svelte';

const clips = ['a', 'b', 'c'].map((id) => makeClip({ id, model_name: `Model ${id.toUpperCase()}`, status: 'succeeded', media_path: `${id}.mp4` }));
const run = { run_id: 'run_modes', prompt: 'p', params: { prompt: 'p' }, created_at: '', estimated_cost_usd: 0, demo: true, clips } as unknown as RunView;
const runs = { open: run, media: { base_url: 'http://127.0.0.1:1/t' }, error: null } as unknown as RunStore;
const actions = { canCancel: () => false, canRemix: () => false, cancel: async () => '', remix: () => {}, rate: async () => null } as unknown as ClipActions;
const empty = createRawSnippet(() => ({ render: () => '<p>empty</p>' }));

function stage() {
  return render(RunStage, { runs, actions, empty, focused: true, ontogglefocus: () => {}, onreuse: () => {} });
}
const press = (key: string, extra: Partial<KeyboardEventInit> = {}) => fireEvent.keyDown(window, { key, ...extra });
const videoIds = () => [...document.querySelectorAll('video')].map((v) => v.dataset.clipVideo);
const layerB = () => screen.getByTestId('compare-frame').querySelector<HTMLElement>('[data-layer="B"]')!;

describe('run stage compare modes', () => {
  beforeEach(() => {
    localStorage.clear();
    vi.spyOn(HTMLMediaElement.prototype, 'pause').mockImplementation(() => {});
    vi.spyOn(HTMLMediaElement.prototype, 'load').mockImplementation(() => {});
  });
  afterEach(() => vi.restoreAllMocks());

  it('switches A/B, wipe, difference and blend from the keyboard, with both takes as clock videos', async () => {
    stage();
    expect(videoIds()).toEqual(['a', 'b', 'c']);
    await press('a');
    expect(screen.getByTestId('compare-frame').dataset.mode).toBe('ab');
    expect(videoIds()).toEqual(['a', 'b']); // the other take's decoder is freed
    expect(layerB().style.opacity).toBe('0');
    await press('a'); // flip
    expect(layerB().style.opacity).toBe('1');
    expect(screen.getByTestId('flip')).toHaveTextContent('Showing B');
    await press('w');
    expect(layerB().style.clipPath).toBe('inset(0 0 0 50%)');
    expect(screen.getByRole('slider', { name: 'Wipe divider' })).toBeInTheDocument();
    await press('d');
    expect(screen.getByTestId('difference-canvas')).toBeInTheDocument();
    await press('b');
    await fireEvent.input(screen.getByLabelText('Blend amount'), { target: { value: '0.3' } });
    expect(layerB().style.opacity).toBe('0.3');
    await press('g');
    expect(screen.queryByTestId('compare-frame')).toBeNull();
    expect(videoIds()).toEqual(['a', 'b', 'c']);
  });

  it('opens a note at this moment on the heard take with M, leaving a two-take mode for the tiles', async () => {
    stage();
    await press('2', { code: 'Digit2' }); // hear take B
    await press('m');
    expect(await screen.findByRole('textbox', { name: 'Note at 0:00.0 on Model B' })).toHaveFocus();
    await press('a');
    await fireEvent.keyDown(document.body, { key: 'Escape' });
    await press('m');
    expect(screen.queryByTestId('compare-frame')).toBeNull();
    expect(screen.getByRole('textbox', { name: /^Note at 0:00.0 on Model [AB]$/ })).toBeInTheDocument();
  });

  it('picks A with 1–9 and B with Shift+1–9 in a two-take mode, swapping when taken', async () => {
    stage();
    await fireEvent.click(screen.getByTestId('mode-wipe'));
    await press('3', { code: 'Digit3' });
    expect(screen.getByTestId('layer-label-A')).toHaveTextContent('A · 3 · Model C');
    await press('!', { code: 'Digit1', shiftKey: true });
    expect(screen.getByTestId('layer-label-B')).toHaveTextContent('B · 1 · Model A');
    await press('1', { code: 'Digit1' }); // take 1 is B: the sides swap
    expect(screen.getByTestId('layer-label-A')).toHaveTextContent('Model A');
    expect(screen.getByTestId('layer-label-B')).toHaveTextContent('Model C');
  });

  it('remembers the mode, the takes and the grid columns per run', async () => {
    const first = stage();
    await press('c');
    await press('c');
    expect(screen.getByTestId('run-grid').dataset.columns).toBe('2');
    await press('d');
    await press('2', { code: 'Digit2' });
    first.unmount();
    stage();
    expect(screen.getByTestId('compare-frame').dataset.mode).toBe('difference');
    expect(screen.getByTestId('layer-label-A')).toHaveTextContent('Model B');
    await press('Escape');
    expect(screen.getByTestId('run-grid').dataset.columns).toBe('2');
  });

  it('focuses one take with F and moves the focus with the number keys', async () => {
    stage();
    await press('f');
    expect(screen.getByTestId('run-grid').dataset.featured).toBe('a');
    await press('2', { code: 'Digit2' });
    expect(screen.getByTestId('run-grid').dataset.featured).toBe('b');
    await press('f');
    expect(screen.getByTestId('run-grid').dataset.featured).toBeUndefined();
  });

  it('shares one zoom across every tile: the wheel zooms all, Z fits', async () => {
    stage();
    const surfaces = screen.getAllByTestId('zoom-surface');
    expect(surfaces).toHaveLength(3);
    await fireEvent.wheel(surfaces[0], { deltaY: -400, clientX: 0, clientY: 0 });
    const transforms = surfaces.map((s) => (s.firstElementChild as HTMLElement).style.transform);
    expect(transforms[0]).toMatch(/scale\(/);
    expect(new Set(transforms).size).toBe(1);
    await press('z');
    expect((surfaces[2].firstElementChild as HTMLElement).style.transform).toBe('none');
  });

  it('shows the key help from the key map', async () => {
    stage();
    await press('?');
    const help = screen.getByTestId('key-help');
    expect(within(help).getByText('Shift+Z')).toBeInTheDocument();
    expect(within(help).getByText('J')).toBeInTheDocument();
    expect(help).toHaveTextContent('Wipe');
  });
});

import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeClip } from '../../../test/fixtures';
import type { RunView } from '../../ipc/bindings.gen';
import BlindCompare from './BlindCompare.svelte';

// The blind view judges motion with the grid's own player: transport, steps, slow motion,
// shared zoom and one side heard at a time, without anything that names the take.
const clips = ['a', 'b'].map((id) =>
  makeClip({ id, model_name: `Model ${id.toUpperCase()}`, status: 'succeeded', media_path: `${id}.mp4`, file: `/lib/${id}.mp4`, fps: 24, frame_count: 120, duration_s: 5 }),
);
const run = { run_id: 'run_blind', prompt: 'p', params: { prompt: 'p' }, created_at: '', estimated_cost_usd: 0, demo: false, clips } as unknown as RunView;
const press = (key: string, extra: Partial<KeyboardEventInit> = {}) => fireEvent.keyDown(window, { key, ...extra });
const side = (label: string) => screen.getByTestId(`blind-frame-${label}`);

describe('blind A/B player', () => {
  beforeEach(() => {
    vi.spyOn(HTMLMediaElement.prototype, 'pause').mockImplementation(() => {});
    vi.spyOn(HTMLMediaElement.prototype, 'load').mockImplementation(() => {});
  });
  afterEach(() => vi.restoreAllMocks());

  function open() {
    return render(BlindCompare, { run, media: { base_url: 'http://127.0.0.1:1/t' }, onclose: () => {} });
  }

  it('has the grid transport over both sides: play, frame steps, slow motion, loop and sound', async () => {
    open();
    const transport = screen.getByRole('toolbar', { name: 'Playback for all clips' });
    for (const name of [/^(Play|Pause) all$/, 'Back one frame', 'Forward one frame', 'Set loop in point', 'Unmute all']) {
      expect(within(transport).getByRole('button', { name })).toBeInTheDocument();
    }
    await fireEvent.change(within(transport).getByLabelText('Playback speed'), { target: { value: '0.25' } });
    expect((within(transport).getByLabelText('Playback speed') as HTMLSelectElement).value).toBe('0.25');
    expect(document.querySelectorAll('video')).toHaveLength(2);
    expect(within(transport).getByTestId('play-all')).toHaveAccessibleName('Pause all');
    await press('ArrowRight', { shiftKey: true }); // a step pauses the clock, as in the grid
    expect(within(transport).getByTestId('play-all')).toHaveAccessibleName('Play all');
  });

  it('hears one side at a time: keys 1 / 2 or the side’s speaker', async () => {
    open();
    const speaker = (label: string) => within(side(label)).getByTestId('solo');
    expect(speaker('A')).toHaveAttribute('aria-pressed', 'false'); // sound starts off, as in the grid
    const [first, second] = [...document.querySelectorAll('video')];
    await press('2', { code: 'Digit2' });
    expect(speaker('B')).toHaveAttribute('aria-pressed', 'true');
    expect(speaker('A')).toHaveAttribute('aria-pressed', 'false');
    expect([first.muted, second.muted]).toEqual([true, false]);
    await fireEvent.click(speaker('A'));
    expect(speaker('A')).toHaveAttribute('aria-pressed', 'true');
    expect([first.muted, second.muted]).toEqual([false, true]);
  });

  it('zooms both sides together and fits with Z', async () => {
    open();
    const surfaces = screen.getAllByTestId('zoom-surface');
    expect(surfaces).toHaveLength(2);
    await fireEvent.wheel(surfaces[1], { deltaY: -400, clientX: 0, clientY: 0 });
    const transforms = surfaces.map((s) => (s.firstElementChild as HTMLElement).style.transform);
    expect(transforms[0]).toMatch(/scale\(/);
    expect(transforms[1]).toBe(transforms[0]);
    await press('z');
    expect((surfaces[0].firstElementChild as HTMLElement).style.transform).toBe('none');
  });

  it('shows nothing that names a take, and lists its vote keys in the key help', async () => {
    open();
    expect(screen.queryByTestId('feature')).toBeNull();
    expect(document.body).not.toHaveTextContent(/Model [AB]|\/lib\//);
    await press('?');
    const help = screen.getByTestId('key-help');
    expect(help).toHaveTextContent('Vote: A is better / B is better');
    expect(help).toHaveTextContent('Hear clip A / clip B');
    expect(help).not.toHaveTextContent(/Wipe|Grid:/);
  });
});

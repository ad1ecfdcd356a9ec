import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { FRAME_S, PlaybackSync } from './playbackSync.svelte';
import Transport from './Transport.svelte';

describe('Transport', () => {
  it('steps frames and plays/pauses from the keyboard, but not while typing', async () => {
    const sync = new PlaybackSync();
    render(Transport, { sync });
    await fireEvent.keyDown(window, { key: 'ArrowRight' });
    expect(sync.playing).toBe(false);
    expect(sync.time).toBeCloseTo(FRAME_S, 6);
    await fireEvent.keyDown(window, { key: 'ArrowRight', shiftKey: true });
    expect(sync.time).toBeCloseTo(25 * FRAME_S, 6);
    await fireEvent.keyDown(window, { key: 'ArrowLeft' });
    expect(sync.time).toBeCloseTo(1, 6);
    await fireEvent.keyDown(window, { key: ' ' });
    expect(sync.playing).toBe(true);

    const field = document.body.appendChild(document.createElement('input'));
    await fireEvent.keyDown(field, { key: ' ' });
    await fireEvent.keyDown(field, { key: 'ArrowLeft' });
    expect(sync.playing).toBe(true);
    expect(sync.time).toBeCloseTo(1, 6);

    await fireEvent.click(screen.getByRole('button', { name: 'Back one frame' }));
    expect(sync.time).toBeCloseTo(23 * FRAME_S, 6);
    await fireEvent.change(screen.getByLabelText('Playback speed'), { target: { value: '0.5' } });
    expect(sync.rate).toBe(0.5);
  });
});

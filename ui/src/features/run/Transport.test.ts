import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { FakeMedia } from './fakeMedia';
import { PlaybackSync } from './playbackSync.svelte';
import Transport from './Transport.svelte';

describe('Transport', () => {
  it('steps frames of the file rate and plays/pauses from the keyboard, but not while typing', async () => {
    const sync = new PlaybackSync();
    sync.register('a', new FakeMedia(10) as unknown as HTMLVideoElement, 12);
    render(Transport, { sync });
    await fireEvent.keyDown(window, { key: 'ArrowRight' });
    expect(sync.playing).toBe(false);
    expect(sync.frame).toBe(1);
    await fireEvent.keyDown(window, { key: 'ArrowRight', shiftKey: true });
    expect(sync.frame).toBe(13); // Shift steps a second: 12 frames of this 12 fps clip
    await fireEvent.keyDown(window, { key: 'ArrowLeft' });
    expect(sync.frame).toBe(12);
    expect(screen.getByTestId('frame-counter').textContent).toContain('12');
    expect(screen.getByTestId('timecode').textContent).toBe('00:00:01:00');
    await fireEvent.keyDown(window, { key: ' ' });
    expect(sync.playing).toBe(true);

    const field = document.body.appendChild(document.createElement('input'));
    await fireEvent.keyDown(field, { key: ' ' });
    await fireEvent.keyDown(field, { key: 'ArrowLeft' });
    expect(sync.playing).toBe(true);

    await fireEvent.click(screen.getByRole('button', { name: 'Back one frame' }));
    expect(sync.frame).toBe(11);
    await fireEvent.change(screen.getByLabelText('Playback speed'), { target: { value: '0.5' } });
    expect(sync.rate).toBe(0.5);
  });
});

describe('Transport loop and shuttle keys', () => {
  it('marks in/out on the scrubber, toggles the loop and shuttles with J/K/L', async () => {
    const sync = new PlaybackSync();
    sync.register('a', new FakeMedia(4) as unknown as HTMLVideoElement, 12);
    render(Transport, { sync });
    await fireEvent.keyDown(window, { key: 'ArrowRight', shiftKey: true }); // frame 12 = 1 s
    await fireEvent.keyDown(window, { key: 'i' });
    expect(sync.loop.in).toBeCloseTo(1, 9);
    expect(screen.queryByTestId('loop-range')).toBeInTheDocument();
    await fireEvent.keyDown(window, { key: 'ArrowRight', shiftKey: true });
    await fireEvent.keyDown(window, { key: 'o' });
    expect(sync.loop.out).toBeCloseTo(25 / 12, 9); // the end of frame 24: it is in the loop
    expect(screen.getByTestId('loop-range').style.left).toBe('25%');
    await fireEvent.keyDown(window, { key: '\\' });
    expect(sync.loop.on).toBe(false);
    expect(screen.getByTestId('loop-toggle')).toHaveAttribute('aria-pressed', 'false');
    await fireEvent.keyDown(window, { key: 'I', shiftKey: true });
    expect(sync.loop.in).toBeNull();

    await fireEvent.keyDown(window, { key: 'l' });
    await fireEvent.keyDown(window, { key: 'l' });
    expect(sync.shuttle).toBe(2);
    expect(screen.getByTestId('shuttle')).toHaveTextContent('▶ 2×');
    await fireEvent.keyDown(window, { key: 'k' });
    expect(sync.playing).toBe(false);
    await fireEvent.keyDown(window, { key: 'j' });
    expect(screen.getByTestId('shuttle')).toHaveTextContent('◀ 1×');
    await fireEvent.keyDown(window, { key: ' ' });
    expect(sync.shuttle).toBe(0); // Space stops the reverse shuttle
  });
});

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

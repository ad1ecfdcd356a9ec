import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import App from '../../App.svelte';
import { useBackend } from '../../ipc/backend';
import { createFakeBackend } from '../../ipc/fake';

describe('panels around the stage', () => {
  it('collapse the library and the form when a run comes on stage, and come back on request until the next run', async () => {
    useBackend(createFakeBackend({ sample: true }));
    const { container } = render(App);
    const app = container.querySelector('.app')!;
    const items = await screen.findAllByRole('button', { name: /lighthouse|espresso/i });
    expect(app).not.toHaveClass('focused'); // nothing on stage: the form and the library show
    await fireEvent.click(items[0]);
    await waitFor(() => expect(app).toHaveClass('focused'));
    await fireEvent.click(screen.getByRole('button', { name: 'Show panels' }));
    expect(app).not.toHaveClass('focused');
    await fireEvent.keyDown(window, { key: 'p' });
    expect(app).toHaveClass('focused');
    await fireEvent.keyDown(window, { key: 'p' });
    await fireEvent.click(items[1]);
    await waitFor(() => expect(app).toHaveClass('focused'));
  });
});

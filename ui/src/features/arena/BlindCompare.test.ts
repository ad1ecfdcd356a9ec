import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import App from '../../App.svelte';
import { useBackend } from '../../ipc/backend';
import { createFakeBackend } from '../../ipc/fake';

describe('blind A/B', () => {
  it('hides who made each clip until the vote, then reveals it and ranks the models', async () => {
    useBackend(createFakeBackend({ pace: 0.05 }));
    render(App);
    await fireEvent.click(await screen.findByRole('button', { name: 'Turn on Demo providers' }));
    await fireEvent.input(screen.getByLabelText('Prompt'), { target: { value: 'a lighthouse at dusk' } });
    for (const model of ['kling-3.0-pro@fal', 'sora-2@openai']) {
      await waitFor(() => expect(document.querySelector(`[data-model="${model}"]`)).toBeInTheDocument());
      await fireEvent.click(document.querySelector(`[data-model="${model}"]`)!);
    }
    await waitFor(() => expect(screen.getByRole('button', { name: /^Run 2 models/ })).toBeEnabled());
    await fireEvent.click(screen.getByRole('button', { name: /^Run 2 models/ }));
    const blindButton = await screen.findByRole('button', { name: 'Blind A/B' });
    expect(blindButton).toBeDisabled();
    await waitFor(() => expect(blindButton).toBeEnabled(), { timeout: 5000 });

    await fireEvent.click(blindButton);
    const arena = screen.getByRole('dialog', { name: 'Blind A/B comparison' });
    expect(within(arena).getByTestId('identity-A')).toHaveTextContent('Clip A');
    expect(arena).not.toHaveTextContent(/Kling|Sora|\$/);
    await fireEvent.change(within(arena).getByLabelText('Criterion'), { target: { value: 'motion' } });
    await fireEvent.click(within(arena).getByRole('button', { name: /A is better/ }));
    await waitFor(() => expect(within(arena).getByTestId('identity-A')).toHaveTextContent(/(Kling 3\.0 Pro|Sora 2) via .* · your pick/));
    const picked = within(arena).getByTestId('identity-A').textContent!.includes('Kling') ? 'Kling 3.0 Pro' : 'Sora 2';
    expect(arena).toHaveTextContent('1 vote on this run');
    await fireEvent.keyDown(window, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Blind A/B comparison' })).toBeNull());

    await fireEvent.click(screen.getByRole('button', { name: 'Stats' }));
    const board = await screen.findByTestId('leaderboard');
    const first = board.querySelector('tbody tr')!;
    expect(first).toHaveTextContent(picked);
    expect(first).toHaveTextContent('1131'); // Bradley–Terry: one win over an equal, with the 1000 anchor's prior
  });
});

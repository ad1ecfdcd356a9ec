import { fireEvent, screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { runModels, tile } from '../../../test/appRun';

// The tile actions end to end through the app and the fake backend: cancel while a clip
// runs (where its route can), remix once a Sora clip is done.

describe('clip actions', () => {
  it('cancels a running clip on a route that can, and offers no cancel where the route has none', async () => {
    await runModels('a lighthouse at dusk', ['kling-3.0-pro@fal', 'sora-2@openai']);
    await waitFor(() => expect(tile('kling-3.0-pro').dataset.status).toBe('queued'));
    expect(within(tile('sora-2')).queryByRole('button', { name: /^Cancel/ })).toBeNull();

    await fireEvent.click(within(tile('kling-3.0-pro')).getByRole('button', { name: 'Cancel Kling 3.0 Pro' }));
    await waitFor(() => expect(tile('kling-3.0-pro').dataset.status).toBe('canceled'));
    expect(tile('kling-3.0-pro')).toHaveTextContent('Canceled by you.');
    expect(within(tile('kling-3.0-pro')).queryByRole('button', { name: /^Cancel/ })).toBeNull();
  });

  it('remixes a finished Sora clip into a new run that opens with the remix badge', async () => {
    await runModels('a lighthouse at dusk', ['sora-2@openai', 'kling-3.0-pro@fal']);
    await waitFor(() => expect(tile('sora-2').dataset.status).toBe('succeeded'), { timeout: 5000 });
    await waitFor(() => expect(tile('kling-3.0-pro').dataset.status).toBe('succeeded'), { timeout: 5000 });
    expect(within(tile('kling-3.0-pro')).queryByRole('button', { name: 'Remix' })).toBeNull();

    await fireEvent.click(within(tile('sora-2')).getByRole('button', { name: 'Remix' }));
    const drawer = screen.getByRole('dialog', { name: 'Remix clip' });
    expect(within(drawer).getByTestId('remix-source')).toHaveTextContent('Sora 2 via OpenAI · 4 s');
    const prompt = within(drawer).getByLabelText('New prompt');
    expect(prompt).toHaveValue('a lighthouse at dusk');
    // An unchanged prompt is not a remix.
    await waitFor(() => expect(within(drawer).getByTestId('remix-estimate')).toHaveTextContent('est. $0.40 · demo, no charge'));
    expect(within(drawer).getByRole('button', { name: 'Remix for $0.40' })).toBeDisabled();
    await fireEvent.input(prompt, { target: { value: 'the lighthouse in a snowstorm' } });
    await waitFor(() => expect(within(drawer).getByRole('button', { name: 'Remix for $0.40' })).toBeEnabled());

    await fireEvent.click(within(drawer).getByRole('button', { name: 'Remix for $0.40' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Remix clip' })).toBeNull());
    await waitFor(() => expect(document.querySelectorAll('[data-clip-id]')).toHaveLength(1));
    expect(document.querySelector('.run-header .prompt')).toHaveTextContent('the lighthouse in a snowstorm');
    expect(tile('sora-2')).toHaveTextContent('remix');
    expect(tile('sora-2')).toHaveTextContent(/remix of \w{8}: 4 s at 720p as the source/);
  });

  it('explains why a prompt cannot be remixed right in the drawer', async () => {
    await runModels('a lighthouse at dusk', ['sora-2@openai']);
    await waitFor(() => expect(tile('sora-2').dataset.status).toBe('succeeded'), { timeout: 5000 });
    await fireEvent.click(within(tile('sora-2')).getByRole('button', { name: 'Remix' }));
    const drawer = screen.getByRole('dialog', { name: 'Remix clip' });
    await fireEvent.input(within(drawer).getByLabelText('New prompt'), { target: { value: '   ' } });
    await waitFor(() => expect(within(drawer).getByRole('alert')).toHaveTextContent('prompt: must not be empty'));
  });
});

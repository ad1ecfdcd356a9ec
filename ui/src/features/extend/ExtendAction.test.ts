import { fireEvent, screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { runModels, tile } from '../../../test/appRun';

// "Extend" on a finished tile, end to end through the app and the fake backend (which plans
// from the core's exported catalog): enabled where the clip's route has an extend endpoint,
// a tooltip naming the routes that can otherwise, and the extension opens as a new run
// linked to its source.

describe('extend action', () => {
  it('extends a finished LTX clip into a linked run and explains why a Kling clip cannot', async () => {
    await runModels('a paper boat on a stream', ['ltx-2.3@fal', 'kling-3.0-pro@fal']);
    await waitFor(() => expect(tile('ltx-2.3').dataset.status).toBe('succeeded'), { timeout: 5000 });
    await waitFor(() => expect(tile('kling-3.0-pro').dataset.status).toBe('succeeded'), { timeout: 5000 });

    const refused = within(tile('kling-3.0-pro')).getByTestId('extend-clip');
    expect(refused).toBeDisabled();
    expect(refused.title).toMatch(/^kling-3\.0-pro@fal has no extend endpoint; extend works on clips from .*ltx-2\.3@fal/);
    expect(refused.title).toContain('veo-3.1@google');

    const extend = within(tile('ltx-2.3')).getByTestId('extend-clip');
    expect(extend).toBeEnabled();
    const sourceId = tile('ltx-2.3').dataset.clipId!;
    await fireEvent.click(extend);
    const drawer = screen.getByRole('dialog', { name: 'Extend clip' });
    expect(within(drawer).getByLabelText('What happens next')).toHaveValue('a paper boat on a stream');
    expect(within(drawer).getByLabelText('Seconds to add')).toHaveValue('5');
    // 5 s at the route's $0.10/s extend price, from the core's catalog.
    await waitFor(() => expect(within(drawer).getByTestId('extend-estimate')).toHaveTextContent('est. $0.50 · demo, no charge'));
    await fireEvent.change(within(drawer).getByLabelText('Seconds to add'), { target: { value: '12' } });
    await fireEvent.input(within(drawer).getByLabelText('What happens next'), { target: { value: 'it reaches the sea' } });
    await waitFor(() => expect(within(drawer).getByRole('button', { name: 'Extend for $1.20' })).toBeEnabled());

    await fireEvent.click(within(drawer).getByRole('button', { name: 'Extend for $1.20' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Extend clip' })).toBeNull());
    await waitFor(() => expect(document.querySelectorAll('[data-clip-id]')).toHaveLength(1));
    expect(document.querySelector('.run-header .prompt')).toHaveTextContent('it reaches the sea');
    expect(tile('ltx-2.3')).toHaveTextContent('extension');
    expect(tile('ltx-2.3')).toHaveTextContent(`extension of ${sourceId.slice(-8)}: 12 s more at`);
    // The lineage shows both: the source's run, then the extension.
    await waitFor(() => expect(screen.getByTestId('iteration-strip').querySelectorAll('.version')).toHaveLength(2));
    expect(within(screen.getByTestId('iteration-strip')).getByTestId('version-continues')).toHaveTextContent('extension');
    // "What happens next" is not an edit of the source's prompt: no word diff against it.
    expect(screen.queryByTestId('prompt-diff')).toBeNull();
  });
});

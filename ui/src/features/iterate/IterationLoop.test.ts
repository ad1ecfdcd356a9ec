import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import App from '../../App.svelte';
import { useBackend } from '../../ipc/backend';
import { createFakeBackend } from '../../ipc/fake';

// The iteration loop end to end through the app and the fake backend: takes, re-runs from the
// header and a tile, the prompt diff and version strip, recall, and the prompt queue.
async function openApp() {
  useBackend(createFakeBackend({ pace: 0.05, sample: false }));
  render(App);
  await fireEvent.click(await screen.findByRole('button', { name: 'Turn on Demo providers' }));
}

async function compose(prompt: string, models: string[]) {
  await fireEvent.input(screen.getByLabelText('Prompt'), { target: { value: prompt } });
  for (const model of models) {
    await waitFor(() => expect(document.querySelector(`[data-model="${model}"]:not([data-clip-id])`)).toBeInTheDocument());
    await fireEvent.click(document.querySelector(`[data-model="${model}"]:not([data-clip-id])`)!);
  }
  await waitFor(() => expect(runButton()).toBeEnabled());
}

const runButton = () => screen.getByRole('button', { name: /^Run \d models?( × \d takes)? · est\./ });
const tiles = () => [...document.querySelectorAll<HTMLElement>('[data-clip-id]')];
const tile = (model: string) => document.querySelector<HTMLElement>(`[data-model="${model}"][data-clip-id]`)!;
const headerPrompt = () => document.querySelector('.run-header .prompt');
const allEnded = () => expect(tiles().every((t) => ['succeeded', 'failed', 'canceled'].includes(t.dataset.status ?? ''))).toBe(true);

describe('the iteration loop', () => {
  it('runs takes, re-runs the failed clip and an edited prompt, and shows the versions with the diff', async () => {
    await openApp();
    await compose('a lighthouse at dusk', ['seedance-1.0-pro@replicate', 'sora-2@fal']);
    await fireEvent.change(screen.getByLabelText('Takes'), { target: { value: '2' } });
    await waitFor(() => expect(runButton()).toHaveTextContent(/^Run 2 models × 2 takes · est\. \$/));
    await fireEvent.click(runButton());
    await waitFor(() => expect(tiles()).toHaveLength(4));
    expect(tiles().map((t) => within(t).queryByText(/^take \d$/)?.textContent)).toEqual(['take 1', 'take 2', 'take 1', 'take 2']);
    await waitFor(allEnded, { timeout: 8000 });

    // Both takes of the retired fal Sora route failed: only they run again, as v2.
    await fireEvent.click(screen.getByRole('button', { name: 'Re-run failed (2)' }));
    await waitFor(() => expect(tiles().map((t) => t.dataset.model)).toEqual(['sora-2', 'sora-2']));
    const strip = await screen.findByTestId('iteration-strip');
    expect(within(strip).getAllByRole('button').map((b) => b.textContent?.match(/v\d/)?.[0])).toEqual(['v1', 'v2']);
    // Same prompt: nothing to mark.
    expect(screen.queryByTestId('prompt-diff')).toBeNull();
    await waitFor(allEnded, { timeout: 8000 });

    // An edited prompt runs every model of this version; the diff is against its parent.
    await fireEvent.click(screen.getByRole('button', { name: 'Edit & re-run' }));
    await fireEvent.input(screen.getByLabelText('Edited prompt'), { target: { value: 'a lighthouse at night' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Re-run with this prompt' }));
    await waitFor(() => expect(headerPrompt()).toHaveTextContent('a lighthouse at night'));
    const diff = await screen.findByTestId('prompt-diff');
    expect(diff.querySelector('del')).toHaveTextContent('dusk');
    expect(diff.querySelector('ins')).toHaveTextContent('night');
    await waitFor(() => expect(within(screen.getByTestId('iteration-strip')).getAllByRole('button')).toHaveLength(3));
    await waitFor(allEnded, { timeout: 8000 });
    // Seedance on fal reports no charge: the whole iteration is an estimate, and says so.
    await waitFor(() => expect(screen.getByTestId('iteration-cost')).toHaveTextContent(/^iteration est\. \$\d+\.\d\d$/));

    // Back to the first version from the strip.
    await fireEvent.click(within(screen.getByTestId('iteration-strip')).getByRole('button', { name: /^v1/ }));
    await waitFor(() => expect(headerPrompt()).toHaveTextContent('a lighthouse at dusk'));
    await waitFor(() => expect(tiles()).toHaveLength(4));
  });

  it('re-runs one model from its tile and recalls a clip into the composer', async () => {
    await openApp();
    await compose('a red car in rain', ['kling-3.0-pro@kling', 'seedance-1.0-pro@replicate']);
    await fireEvent.click(runButton());
    await waitFor(() => expect(tiles()).toHaveLength(2));
    await waitFor(allEnded, { timeout: 8000 });

    await fireEvent.click(within(tile('kling-3.0-pro')).getByRole('button', { name: 'Re-run' }));
    await waitFor(() => expect(tiles().map((t) => t.dataset.model)).toEqual(['kling-3.0-pro']));
    // The billed Kling clip counts as billed in the roll-up once it is delivered.
    await waitFor(allEnded, { timeout: 8000 });
    await waitFor(() => expect(screen.getByTestId('iteration-cost')).toHaveTextContent(/^iteration \$\d+\.\d\d · \d+ % billed$/));

    await fireEvent.input(screen.getByLabelText('Prompt'), { target: { value: 'something else' } });
    await fireEvent.click(within(tile('kling-3.0-pro')).getByRole('button', { name: 'Recall' }));
    expect(screen.getByLabelText('Prompt')).toHaveValue('a red car in rain');
    await waitFor(() => expect(runButton()).toHaveTextContent(/^Run 1 model/));
    expect(document.querySelector<HTMLInputElement>('[data-model="kling-3.0-pro@kling"]:not([data-clip-id])')?.checked).toBe(true);
  });

  it('queues the next prompt while a run is in flight and starts it when that run has finished', async () => {
    await openApp();
    await compose('first shot', ['seedance-1.0-pro@replicate']);
    expect(screen.queryByRole('button', { name: 'Queue next' })).toBeNull();
    await fireEvent.click(runButton());
    await waitFor(() => expect(headerPrompt()).toHaveTextContent('first shot'));

    await fireEvent.input(screen.getByLabelText('Prompt'), { target: { value: 'second shot' } });
    await fireEvent.click(await screen.findByRole('button', { name: 'Queue next' }));
    const queue = screen.getByTestId('prompt-queue');
    expect(queue).toHaveTextContent('second shot');
    // Editing the form after queuing does not change what was queued.
    await fireEvent.input(screen.getByLabelText('Prompt'), { target: { value: 'third shot' } });
    expect(queue).toHaveTextContent('second shot');
    expect(headerPrompt()).toHaveTextContent('first shot');

    await waitFor(() => expect(headerPrompt()).toHaveTextContent('second shot'), { timeout: 8000 });
    await waitFor(() => expect(screen.queryByTestId('prompt-queue')).toBeNull());
  });
});

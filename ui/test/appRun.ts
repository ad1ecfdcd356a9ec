// The whole app on the fake backend, demo providers on, one run of the given models started
// from the composer: where the tile-action tests (remix, extend, cancel) begin.
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { expect } from 'vitest';
import App from '../src/App.svelte';
import { useBackend } from '../src/ipc/backend';
import { createFakeBackend } from '../src/ipc/fake';

export async function runModels(prompt: string, models: string[]): Promise<void> {
  useBackend(createFakeBackend({ pace: 0.05, sample: false }));
  render(App);
  await fireEvent.click(await screen.findByRole('button', { name: 'Turn on Demo providers' }));
  await fireEvent.input(screen.getByLabelText('Prompt'), { target: { value: prompt } });
  for (const model of models) {
    await waitFor(() => expect(document.querySelector(`[data-model="${model}"]`)).toBeInTheDocument());
    await fireEvent.click(document.querySelector(`[data-model="${model}"]`)!);
  }
  await waitFor(() => expect(screen.getByRole('button', { name: /^Run \d models? · est\./ })).toBeEnabled());
  await fireEvent.click(screen.getByRole('button', { name: /^Run \d models? · est\./ }));
  await waitFor(() => expect(document.querySelectorAll('[data-clip-id]')).toHaveLength(models.length));
}

/** A model's tile in the open run. */
export const tile = (model: string) => document.querySelector<HTMLElement>(`[data-model="${model}"][data-clip-id]`)!;

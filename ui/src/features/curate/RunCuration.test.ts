import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import App from '../../App.svelte';
import { useBackend } from '../../ipc/backend';
import { createFakeBackend } from '../../ipc/fake';

// Curation where the creator does it: on the open run's tiles and header, with the trash
// drawer to bring things back.
const library = () => screen.getByRole('navigation', { name: 'Library' });
const listedRuns = () => [...library().querySelectorAll<HTMLElement>('[data-run-id]')].map((e) => e.dataset.runId);
const tile = (model: string) => document.querySelector<HTMLElement>(`[data-model="${model}"][data-clip-id]`)!;

async function openSampleRun() {
  useBackend(createFakeBackend({ sample: true }));
  render(App);
  await waitFor(() => expect(listedRuns()).toEqual(['run_sample_2', 'run_sample_1']));
  await fireEvent.click(library().querySelector<HTMLElement>('[data-run-id="run_sample_2"]')!);
  await waitFor(() => expect(document.querySelectorAll('[data-clip-id]')).toHaveLength(4));
}

describe('curating a run', () => {
  it('keeps one winner per run across the tiles, and tags a tile', async () => {
    await openSampleRun();
    const kling = within(tile('kling-3.0-pro'));
    const sora = within(tile('sora-2-pro'));
    await fireEvent.click(kling.getByRole('button', { name: 'Pick Kling 3.0 Pro as the winner' }));
    await waitFor(() => expect(kling.getByRole('button', { name: /Kling 3.0 Pro is the winner/ })).toHaveAttribute('aria-pressed', 'true'));
    await fireEvent.click(sora.getByRole('button', { name: 'Pick Sora 2 Pro as the winner' }));
    await waitFor(() => expect(sora.getByRole('button', { name: /Sora 2 Pro is the winner/ })).toBeInTheDocument());
    expect(kling.getByRole('button', { name: 'Pick Kling 3.0 Pro as the winner' })).toHaveAttribute('aria-pressed', 'false');
    // A failed clip has nothing to win with, but can still go to the trash.
    expect(within(tile('seedance-1.0-pro')).queryByRole('button', { name: /winner/ })).toBeNull();
    expect(within(tile('seedance-1.0-pro')).getByRole('button', { name: /to the trash/ })).toBeInTheDocument();

    const input = kling.getByLabelText('Add a tag to Kling 3.0 Pro');
    await fireEvent.input(input, { target: { value: 'Hero' } });
    await fireEvent.keyDown(input, { key: 'Enter' });
    await waitFor(() => expect(kling.getByRole('button', { name: 'Remove tag hero' })).toBeInTheDocument());
  });

  it('moves a clip and then the run to the trash, and restores the run from the drawer', async () => {
    await openSampleRun();
    await fireEvent.click(within(tile('seedance-1.0-pro')).getByRole('button', { name: 'Move Seedance 1.0 Pro to the trash' }));
    await waitFor(() => expect(document.querySelectorAll('[data-clip-id]')).toHaveLength(3));

    await fireEvent.click(screen.getByRole('button', { name: 'Move this run to the trash' }));
    await waitFor(() => expect(document.querySelectorAll('[data-clip-id]')).toHaveLength(0));
    await waitFor(() => expect(listedRuns()).toEqual(['run_sample_1']));

    await fireEvent.click(screen.getByRole('button', { name: 'Trash' }));
    const drawer = screen.getByRole('dialog', { name: 'Trash' });
    await waitFor(() => expect(drawer.querySelectorAll('[data-trash-id]')).toHaveLength(2));
    await fireEvent.click(within(drawer).getByRole('button', { name: 'Restore run run_sample_2' }));
    await waitFor(() => expect(listedRuns()).toEqual(['run_sample_2', 'run_sample_1']));
    // The clip trashed on its own stays there until restored by itself.
    expect(drawer.querySelectorAll('[data-trash-id]')).toHaveLength(1);
  });
});

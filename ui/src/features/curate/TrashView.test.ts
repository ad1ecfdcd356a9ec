import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import * as backend from '../../ipc/backend';
import type { TrashItem } from '../../ipc/bindings.gen';
import { createFakeBackend } from '../../ipc/fake';
import TrashView from './TrashView.svelte';

describe('TrashView', () => {
  beforeEach(() => backend.useBackend(createFakeBackend({ sample: true })));

  it('says when the trash is empty', async () => {
    render(TrashView);
    expect(await screen.findByText(/The trash is empty/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Empty trash/ })).toBeNull();
  });

  it('lists trashed runs and clips and restores one back into the library', async () => {
    await backend.trashItems(['run_sample_2']);
    await backend.trashItems(['run_sample_1_c2']);
    const restored: TrashItem[] = [];
    render(TrashView, { onrestored: (item: TrashItem) => restored.push(item) });
    await waitFor(() => expect(document.querySelector('[data-trash-id="run_sample_2"]')).not.toBeNull());
    const run = document.querySelector<HTMLElement>('[data-trash-id="run_sample_2"]')!;
    expect(run).toHaveTextContent('A lighthouse keeper climbs');
    expect(run).toHaveTextContent('Run · 4 clips');
    expect(document.querySelector('[data-trash-id="run_sample_1_c2"]')).toHaveTextContent('Clip · kling-3.0-pro@kling');

    await fireEvent.click(within(run).getByRole('button', { name: 'Restore run run_sample_2' }));
    await waitFor(() => expect(document.querySelector('[data-trash-id="run_sample_2"]')).toBeNull());
    expect(screen.getByRole('status')).toHaveTextContent('Restored the run “A lighthouse keeper climbs');
    expect(restored.map((i) => i.id)).toEqual(['run_sample_2']);
    expect((await backend.listRuns()).map((r) => r.run_id)).toContain('run_sample_2');
  });

  it('empties the trash only after a confirmation that says what goes for good', async () => {
    await backend.trashItems(['run_sample_2', 'run_sample_1_c1']);
    render(TrashView);
    await fireEvent.click(await screen.findByRole('button', { name: 'Empty trash…' }));
    const confirm = screen.getByRole('alertdialog', { name: 'Empty the trash' });
    expect(confirm).toHaveTextContent('Delete 1 run (4 clips) and 1 clip for good? Their video files and posters are removed from disk; this cannot be undone.');
    await fireEvent.click(within(confirm).getByRole('button', { name: 'Keep them' }));
    expect(await backend.listTrash()).toHaveLength(2);

    await fireEvent.click(screen.getByRole('button', { name: 'Empty trash…' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Delete for good' }));
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Deleted 1 run(s), 5 clip(s) and 4 file(s) for good.'));
    expect(await backend.listTrash()).toEqual([]);
    expect(screen.getByText(/The trash is empty/)).toBeInTheDocument();
  });
});

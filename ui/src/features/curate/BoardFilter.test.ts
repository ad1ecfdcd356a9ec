import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as backend from '../../ipc/backend';
import { createFakeBackend } from '../../ipc/fake';
import BoardFilter from './BoardFilter.svelte';

const CLIP = 'run_sample_2_c1';

describe('BoardFilter', () => {
  beforeEach(() => backend.useBackend(createFakeBackend({ sample: true })));

  it('offers every board with its count and filters by the board id', async () => {
    const picks = await backend.createBoard('Client picks');
    await backend.addToBoard(picks.id, [CLIP]);
    const onchange = vi.fn();
    render(BoardFilter, { value: '', onchange });
    const select = screen.getByRole('combobox', { name: 'Board' });
    await waitFor(() => expect(within(select).getAllByRole('option').map((o) => o.textContent)).toEqual(['any board', 'Client picks · 1']));
    await fireEvent.change(select, { target: { value: String(picks.id) } });
    expect(onchange).toHaveBeenLastCalledWith(String(picks.id));
    expect(screen.queryByRole('button', { name: 'Rename' })).toBeNull(); // nothing chosen yet in this render
  });

  it('renames the chosen board and keeps filtering by it; a taken name is refused in words', async () => {
    const picks = await backend.createBoard('Client picks');
    await backend.createBoard('moods');
    const onchange = vi.fn();
    render(BoardFilter, { value: String(picks.id), onchange });
    await fireEvent.click(await screen.findByRole('button', { name: 'Rename' }));
    const name = screen.getByRole('textbox', { name: 'New board name' });
    await fireEvent.input(name, { target: { value: 'MOODS' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByRole('alert')).toHaveTextContent("a board named 'MOODS' already exists");

    await fireEvent.input(name, { target: { value: 'Final picks' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(async () => expect((await backend.listBoards()).map((b) => b.name)).toEqual(['Final picks', 'moods']));
    await waitFor(() => expect(onchange).toHaveBeenLastCalledWith(String(picks.id)));
  });

  it('deletes a board only after a confirmation, leaving its clips in the library, and clears the filter', async () => {
    const picks = await backend.createBoard('Client picks');
    await backend.addToBoard(picks.id, [CLIP]);
    const onchange = vi.fn();
    render(BoardFilter, { value: 'client picks', onchange });
    await fireEvent.click(await screen.findByRole('button', { name: 'Delete' }));
    const confirm = screen.getByRole('group', { name: 'Confirm delete' });
    expect(confirm).toHaveTextContent('Its 1 clip stay');
    await fireEvent.click(within(confirm).getByRole('button', { name: 'Keep' }));
    expect(await backend.listBoards()).toHaveLength(1);

    await fireEvent.click(screen.getByRole('button', { name: 'Delete' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Delete board' }));
    await waitFor(() => expect(onchange).toHaveBeenLastCalledWith(''));
    expect(await backend.listBoards()).toEqual([]);
    expect((await backend.getRun('run_sample_2')).clips.some((c) => c.id === CLIP)).toBe(true);
  });
});

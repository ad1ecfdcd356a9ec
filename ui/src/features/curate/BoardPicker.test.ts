import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import * as backend from '../../ipc/backend';
import { createFakeBackend } from '../../ipc/fake';
import BoardPicker from './BoardPicker.svelte';

const CLIP = 'run_sample_2_c1';
const clip = async () => (await backend.getRun('run_sample_2')).clips.find((c) => c.id === CLIP)!;

describe('BoardPicker', () => {
  beforeEach(() => backend.useBackend(createFakeBackend({ sample: true })));

  it('lists boards with the ones the clip is on checked, and toggles membership', async () => {
    const moods = await backend.createBoard('moods');
    const picks = await backend.createBoard('Client picks');
    await backend.addToBoard(moods.id, [CLIP]);
    render(BoardPicker, { clip: await clip() });
    await fireEvent.click(screen.getByRole('button', { name: 'Boards for Kling 3.0 Pro' }));
    const list = await screen.findByRole('group', { name: 'Boards' });
    await waitFor(() => expect(within(list).getByLabelText(/moods/)).toBeChecked());
    expect(within(list).getAllByRole('checkbox').map((c) => c.parentElement!.textContent!.trim())).toEqual(['Client picks 0', 'moods 1']);

    await fireEvent.click(within(list).getByLabelText(/Client picks/));
    const onBoards = async () => (await backend.boardsOfClip(CLIP)).map((b) => b.id);
    await waitFor(async () => expect(await onBoards()).toEqual([picks.id, moods.id]));
    await fireEvent.click(within(list).getByLabelText(/moods/));
    await waitFor(async () => expect(await onBoards()).toEqual([picks.id]));
    expect(screen.getByRole('button', { name: 'Boards for Kling 3.0 Pro' })).toHaveTextContent('Boards · 1');
  });

  it('creates a board with the clip on it, and shows a refused name with its field', async () => {
    await backend.createBoard('moods');
    render(BoardPicker, { clip: await clip() });
    await fireEvent.click(screen.getByRole('button', { name: 'Boards for Kling 3.0 Pro' }));
    const name = await screen.findByLabelText('New board name');
    await fireEvent.input(name, { target: { value: 'MOODS' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Create' }));
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent("name: a board named 'MOODS' already exists"));

    await fireEvent.input(name, { target: { value: 'Finals' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Create' }));
    await waitFor(() => expect(screen.getByLabelText(/Finals/)).toBeChecked());
    expect(name).toHaveValue('');
    expect(screen.queryByRole('alert')).toBeNull();
    const finals = (await backend.listBoards()).find((b) => b.name === 'Finals')!;
    expect(finals.clip_count).toBe(1);
  });
});

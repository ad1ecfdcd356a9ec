import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import * as backend from '../../ipc/backend';
import { createFakeBackend } from '../../ipc/fake';
import ClipDetails from './ClipDetails.svelte';
import { askedVsDelivered } from './details';
import { libraryClip } from './testClips';

describe('ClipDetails', () => {
  const item = libraryClip(
    7,
    {
      duration_s: 12, resolved: { prompt: 'p', duration_s: 12, aspect: '16:9', resolution: '1080p', audio: true, seed: 42 },
      parity: [{ param: 'duration', asked: '10', ran: '12', message: 'asked 10 s → ran 12 s' }],
      tags: ['keeper', 'night'], note: 'best light so far', take: 2, rating: 5,
    },
    { parent_run_id: 'run_parent', winner: true },
  );

  it('shows what was asked, run and delivered, cost with its kind, latency, lineage, tags and note', () => {
    render(ClipDetails, { item, onopen: () => {}, onclose: () => {} });
    const panel = screen.getByRole('complementary', { name: 'Clip details' });
    expect(panel).toHaveTextContent('a lighthouse in fog');
    expect(panel).toHaveTextContent('$1.12 billed · est. $1.12');
    expect(panel).toHaveTextContent('asked 10 s → ran 12 s');
    expect(panel).toHaveTextContent('42');
    expect(panel).toHaveTextContent('queued12.1 s');
    expect(panel).toHaveTextContent('generating44.0 s');
    expect(panel).toHaveTextContent('best light so far');
    expect(within(panel).getByText('keeper')).toBeInTheDocument();
    expect(panel).toHaveTextContent("run's pick");
    const length = within(panel).getByText('length').closest('tr')!;
    expect(length).toHaveTextContent('10 s12 s12 s');
    expect(length).toHaveClass('differs');
  });

  it('opens its run, or its parent run, in the player', async () => {
    const onopen = vi.fn();
    render(ClipDetails, { item, onopen, onclose: () => {} });
    await fireEvent.click(screen.getByRole('button', { name: 'Open in player' }));
    expect(onopen).toHaveBeenLastCalledWith('run_1');
    await fireEvent.click(screen.getByRole('button', { name: 'run_parent' }));
    expect(onopen).toHaveBeenLastCalledWith('run_parent');
  });

  it('recalls the clip itself (its model and settings) into the composer', async () => {
    const onrecall = vi.fn();
    render(ClipDetails, { item, onopen: () => {}, onrecall, onclose: () => {} });
    await fireEvent.click(screen.getByRole('button', { name: 'Recall prompt' }));
    expect(onrecall).toHaveBeenCalledWith(item.clip);
  });

  it('names the boards the clip is on, by name, from one read of the library', async () => {
    const fake = createFakeBackend({ sample: true });
    backend.useBackend(fake);
    const clip = (await backend.getRun('run_sample_2')).clips[0];
    const moods = await backend.createBoard('moods');
    await backend.createBoard('unused');
    const picks = await backend.createBoard('Client picks');
    await backend.addToBoard(moods.id, [clip.id]);
    await backend.addToBoard(picks.id, [clip.id]);
    const listBoards = vi.spyOn(fake, 'listBoards');
    const boardsOfClip = vi.spyOn(fake, 'boardsOfClip');
    render(ClipDetails, { item: libraryClip(1, clip), onopen: () => {}, onclose: () => {} });
    const boards = await screen.findByRole('list', { name: 'Boards' });
    expect(within(boards).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['Client picks', 'moods']);
    expect(boardsOfClip).toHaveBeenCalledTimes(1);
    expect(listBoards).not.toHaveBeenCalled();
  });

  it('says nothing was delivered for a failed clip, without marking a difference', () => {
    const failed = libraryClip(1, { status: 'failed', width: null, height: null, duration_s: null, has_audio: null });
    const rows = askedVsDelivered(failed);
    expect(rows.map((r) => r.delivered)).toEqual(['—', '—', '—']);
    expect(rows.some((r) => r.differs)).toBe(false);
  });
});

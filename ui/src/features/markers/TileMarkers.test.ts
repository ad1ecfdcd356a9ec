import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import * as backend from '../../ipc/backend';
import { createFakeBackend } from '../../ipc/fake';
import { PlaybackSync, SYNC_CONTEXT } from '../run/playbackSync.svelte';
import { MARKERS_CONTEXT, MarkersStore, momentLabel } from './markersStore.svelte';
import { timelineMarkers } from './timeline';
import TileMarkers from './TileMarkers.svelte';

const RUN = 'run_sample_2';

async function setup() {
  const run = await backend.getRun(RUN);
  const clip = run.clips.find((c) => c.status === 'succeeded' && c.duration_s)!;
  const sync = new PlaybackSync();
  const markers = new MarkersStore();
  await markers.load(RUN);
  render(TileMarkers, { props: { clip }, context: new Map<symbol, unknown>([[SYNC_CONTEXT, sync], [MARKERS_CONTEXT, markers]]) });
  return { run, clip, sync, markers };
}

describe('TileMarkers', () => {
  beforeEach(() => backend.useBackend(createFakeBackend({ sample: true })));

  it('pins a note at the moment on screen when opened, and lists it as a chip that seeks there', async () => {
    const { clip, sync, markers } = await setup();
    sync.time = 2.5;
    await fireEvent.click(await screen.findByRole('button', { name: /Note at 0:02.5/ }));
    const field = await screen.findByRole('textbox', { name: `Note at 0:02.5 on ${clip.model_name}` });
    sync.time = 3.9; // playback moved on: the note keeps the moment it was opened at
    await fireEvent.input(field, { target: { value: '  the hand melts ' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Pin' }));
    await waitFor(() => expect(markers.of(clip.id)).toHaveLength(1));
    expect(markers.of(clip.id)[0]).toMatchObject({ at_ms: 2500, text: 'the hand melts' });
    expect(await backend.listTimeNotes(RUN)).toHaveLength(1);

    const chip = screen.getByText('the hand melts').parentElement!;
    await fireEvent.click(within(chip).getByRole('button', { name: '0:02.5' }));
    expect(sync.time).toBeCloseTo(2.5, 1);
  });

  it('shows a refusal in words and deletes a note', async () => {
    const { clip, sync, markers } = await setup();
    sync.time = (clip.duration_s ?? 5) + 2; // past the end: the core refuses
    markers.composing = clip.id;
    const field = await screen.findByRole('textbox', { name: /^Note at/ });
    await fireEvent.input(field, { target: { value: 'too late' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Pin' }));
    expect(await screen.findByRole('alert')).toHaveTextContent("past the clip's end");

    sync.time = 1;
    markers.composing = null;
    await markers.add(clip.id, 1, 'keep');
    await fireEvent.click(await screen.findByRole('button', { name: 'Delete the note at 0:01.0' }));
    await waitFor(() => expect(markers.notes).toEqual([]));
    expect(await backend.listTimeNotes(RUN)).toEqual([]);
  });
});

describe('markers on the timeline', () => {
  beforeEach(() => backend.useBackend(createFakeBackend({ sample: true })));

  it('labels each with its moment and model, in seconds, and drops notes of clips no longer on stage', async () => {
    const run = await backend.getRun(RUN);
    const clip = run.clips.find((c) => c.status === 'succeeded')!;
    const note = await backend.addTimeNote(clip.id, 1250, 'flicker');
    const ticks = timelineMarkers([note, { ...note, id: 99, clip_id: 'gone' }], run.clips);
    expect(ticks).toEqual([{ id: note.id, at: 1.25, label: `0:01.3 ${clip.model_name}: flicker` }]);
    expect(momentLabel(63_250)).toBe('1:03.3');
  });
});

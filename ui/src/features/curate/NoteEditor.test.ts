import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import * as backend from '../../ipc/backend';
import { createFakeBackend } from '../../ipc/fake';
import NoteEditor from './NoteEditor.svelte';

const CLIP = 'run_sample_2_c2';
const stored = async () => (await backend.getRun('run_sample_2')).clips.find((c) => c.id === CLIP)!.note;
const clip = async () => (await backend.getRun('run_sample_2')).clips.find((c) => c.id === CLIP)!;

describe('NoteEditor', () => {
  beforeEach(() => backend.useBackend(createFakeBackend({ sample: true })));

  it('saves on blur, trimmed, and clears when emptied', async () => {
    render(NoteEditor, { clip: await clip() });
    const field = screen.getByLabelText('Note on Sora 2 Pro');
    await fireEvent.input(field, { target: { value: '  best camera move ' } });
    expect(await stored()).toBeNull();
    await fireEvent.blur(field);
    await waitFor(async () => expect(await stored()).toBe('best camera move'));
    expect(field).toHaveValue('best camera move');

    await fireEvent.input(field, { target: { value: '' } });
    await fireEvent.blur(field);
    await waitFor(async () => expect(await stored()).toBeNull());
  });

  it('saves on Enter and puts the saved note back on Escape', async () => {
    await backend.setNote(CLIP, 'keep');
    render(NoteEditor, { clip: await clip() });
    const field = screen.getByLabelText('Note on Sora 2 Pro');
    expect(field).toHaveValue('keep');
    await fireEvent.input(field, { target: { value: 'discard me' } });
    await fireEvent.keyDown(field, { key: 'Escape' });
    expect(field).toHaveValue('keep');

    field.focus();
    await fireEvent.input(field, { target: { value: 'client liked it' } });
    await fireEvent.keyDown(field, { key: 'Enter' });
    await waitFor(async () => expect(await stored()).toBe('client liked it'));
  });

  it('shows the refusal naming the note field', async () => {
    render(NoteEditor, { clip: await clip() });
    const field = screen.getByLabelText('Note on Sora 2 Pro');
    await fireEvent.input(field, { target: { value: 'n'.repeat(501) } });
    await fireEvent.blur(field);
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('note: is 501 characters; a note is at most 500'));
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(await stored()).toBeNull();
  });
});

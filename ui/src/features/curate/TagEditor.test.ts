import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import * as backend from '../../ipc/backend';
import type { ClipView } from '../../ipc/bindings.gen';
import { createFakeBackend } from '../../ipc/fake';
import TagEditor from './TagEditor.svelte';

const clipOf = async (id: string) => (await backend.getRun('run_sample_2')).clips.find((c) => c.id === id)!;

describe('TagEditor', () => {
  beforeEach(() => backend.useBackend(createFakeBackend({ sample: true })));

  it('adds typed tags on Enter as chips, normalised, and removes one with its ×', async () => {
    const changes: ClipView[] = [];
    render(TagEditor, { clip: await clipOf('run_sample_2_c1'), onchange: (c: ClipView) => changes.push(c) });
    const input = screen.getByLabelText('Add a tag to Kling 3.0 Pro');
    await fireEvent.input(input, { target: { value: ' Dusk, WIDE ' } });
    await fireEvent.keyDown(input, { key: 'Enter' });
    await waitFor(() => expect(screen.getByRole('button', { name: 'Remove tag wide' })).toBeInTheDocument());
    expect(screen.getByRole('button', { name: 'Remove tag dusk' })).toBeInTheDocument();
    expect(input).toHaveValue('');
    expect((await clipOf('run_sample_2_c1')).tags).toEqual(['dusk', 'wide']);

    await fireEvent.click(screen.getByRole('button', { name: 'Remove tag dusk' }));
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Remove tag dusk' })).toBeNull());
    expect((await clipOf('run_sample_2_c1')).tags).toEqual(['wide']);
    expect(changes.map((c) => c.tags)).toEqual([['dusk', 'wide'], ['wide']]);
  });

  it('suggests tags already in the library that the clip does not carry', async () => {
    await backend.tagClip('run_sample_2_c2', ['storm', 'dusk']);
    await backend.tagClip('run_sample_2_c1', ['dusk']);
    render(TagEditor, { clip: await clipOf('run_sample_2_c1') });
    await fireEvent.focus(screen.getByLabelText('Add a tag to Kling 3.0 Pro'));
    await waitFor(() => expect(document.querySelectorAll('datalist option')).toHaveLength(1));
    expect(document.querySelector('datalist option')).toHaveAttribute('value', 'storm');
  });

  it('shows the refusal, naming the field, and keeps what was typed', async () => {
    render(TagEditor, { clip: await clipOf('run_sample_2_c1') });
    const input = screen.getByLabelText('Add a tag to Kling 3.0 Pro');
    await fireEvent.input(input, { target: { value: 'x'.repeat(64) + 'y' } });
    await fireEvent.keyDown(input, { key: 'Enter' });
    // maxlength only limits typing; a pasted value still reaches the core's check.
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent(/^tag: '.*' is 65 characters/));
    expect(input).not.toHaveValue('');
  });
});

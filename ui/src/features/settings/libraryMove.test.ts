import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import { useBackend } from '../../ipc/backend';
import { createFakeBackend } from '../../ipc/fake';
import LibraryLocationField from './LibraryLocationField.svelte';
import { stageText } from './libraryMove.svelte';

function setup() {
  const fake = createFakeBackend();
  useBackend(fake);
  render(LibraryLocationField);
  return fake;
}

async function moveTo(dir: string) {
  await fireEvent.input(screen.getByLabelText('New folder'), { target: { value: dir } });
  await fireEvent.click(screen.getByRole('button', { name: 'Move library' }));
}

describe('library location', () => {
  it('shows where the library is, moves it with progress, then restarts the app', async () => {
    const fake = setup();
    const restart = vi.spyOn(fake, 'restartApp');
    const stages: string[] = [];
    const move = fake.moveLibrary.bind(fake);
    vi.spyOn(fake, 'moveLibrary').mockImplementation((dir, onProgress) =>
      move(dir, (p) => {
        stages.push(p.stage);
        onProgress(p);
      }),
    );
    await waitFor(() => expect(screen.getByTestId('library-path')).toHaveTextContent('~/.local/share/dailies'));

    await moveTo('/media/big-disk/dailies');
    await waitFor(() => expect(screen.getByTestId('library-moved')).toHaveTextContent('/media/big-disk/dailies'));
    expect(stages[0]).toBe('copying_database');
    expect(stages.at(-1)).toBe('done');
    expect(stages.indexOf('verifying')).toBeLessThan(stages.indexOf('switching'));
    expect(restart).toHaveBeenCalledOnce();
    expect((await fake.libraryLocation()).path).toBe('/media/big-disk/dailies');
  });

  it('shows the refusal naming the field and does not restart', async () => {
    const fake = setup();
    const restart = vi.spyOn(fake, 'restartApp');
    await moveTo('/tmp/full');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('library.path');
    expect(alert).toHaveTextContent('not empty');
    expect(screen.getByLabelText('New folder')).toHaveAttribute('aria-invalid', 'true');
    expect(restart).not.toHaveBeenCalled();

    await moveTo('relative/place');
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('absolute'));
  });

  it('words each stage, with megabytes while copying files', () => {
    expect(stageText({ stage: 'copying_files', done_bytes: 5 << 20, total_bytes: 20 << 20 })).toBe(
      'Copying clips and posters… 5.0 / 20 MB',
    );
    expect(stageText({ stage: 'verifying', done_bytes: 1, total_bytes: 1 })).toMatch(/rows, files, sizes/);
  });
});

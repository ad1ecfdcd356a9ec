import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as backend from '../../ipc/backend';
import type { ExportProgress, VideoLayout } from '../../ipc/bindings.gen';
import { createFakeBackend } from '../../ipc/fake';
import ExportMenu from './ExportMenu.svelte';

describe('ExportMenu', () => {
  beforeEach(() => backend.useBackend(createFakeBackend({ sample: true, pace: 0.01 })));

  it('writes a CSV, JSON or HTML report and shows where it was saved', async () => {
    render(ExportMenu, { run: await backend.getRun('run_sample_2') });
    await fireEvent.click(screen.getByRole('button', { name: 'Export' }));
    await fireEvent.click(screen.getByRole('button', { name: 'HTML report' }));
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent(/^Saved to .*\/exports\/dailies-run_sample_2\.html$/));
    await fireEvent.click(screen.getByRole('button', { name: 'CSV' }));
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent(/dailies-run_sample_2\.csv$/));
  });

  it('renders the side-by-side video with the chosen layout and audio, showing progress', async () => {
    const fake = createFakeBackend({ sample: true, pace: 0.01 });
    const calls: [VideoLayout, string | null][] = [];
    const progress: number[] = [];
    backend.useBackend({
      ...fake,
      exportVideo: (runId, layout, audioClip, path, onProgress) => {
        calls.push([layout, audioClip]);
        return fake.exportVideo(runId, layout, audioClip, path, (p: ExportProgress) => {
          progress.push(p.fraction);
          onProgress(p);
        });
      },
    });
    const run = await backend.getRun('run_sample_2');
    render(ExportMenu, { run });
    await fireEvent.click(screen.getByRole('button', { name: 'Export' }));
    // Only delivered clips with audio can lend theirs.
    const audio = screen.getByRole('combobox', { name: 'Audio' });
    const offered = [...audio.querySelectorAll('option')].map((o) => o.value);
    expect(offered).toEqual(['none', ...run.clips.filter((c) => c.status === 'succeeded' && c.has_audio).map((c) => c.id)]);
    expect(offered.length).toBeGreaterThan(1);
    await fireEvent.click(screen.getByLabelText('Grid'));
    await fireEvent.change(audio, { target: { value: offered[1] } });
    await fireEvent.click(screen.getByRole('button', { name: 'Export video' }));
    await waitFor(() => expect(screen.getByRole('progressbar', { name: 'Export progress' })).toBeInTheDocument());
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent(/dailies-run_sample_2\.mp4$/));
    expect(calls).toEqual([['grid', offered[1]]]);
    expect(progress).toEqual([0.25, 0.5, 0.75, 1]);
    expect(screen.queryByRole('progressbar', { name: 'Export progress' })).toBeNull();
  });

  it("shows the core's refusal, e.g. ffmpeg missing", async () => {
    const fake = createFakeBackend({ sample: true });
    backend.useBackend({
      ...fake,
      exportVideo: vi.fn(() => Promise.reject({ code: 'missing_ffmpeg', message: 'ffmpeg: not found on PATH; install ffmpeg', field: null })),
    });
    render(ExportMenu, { run: await backend.getRun('run_sample_2') });
    await fireEvent.click(screen.getByRole('button', { name: 'Export' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Export video' }));
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('ffmpeg: not found on PATH'));
    expect(screen.queryByRole('status')).toBeNull();
  });
});

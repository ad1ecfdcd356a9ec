import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import * as backend from '../../ipc/backend';
import type { RunView } from '../../ipc/bindings.gen';
import { createFakeBackend } from '../../ipc/fake';
import WinnerButton from './WinnerButton.svelte';

const RUN = 'run_sample_2';
const winner = async () => (await backend.getRun(RUN)).winner_clip_id;

describe('WinnerButton', () => {
  beforeEach(() => backend.useBackend(createFakeBackend({ sample: true })));

  it('names the clip the winner, and clears it when pressed again', async () => {
    const answers: (string | null)[] = [];
    render(WinnerButton, { runId: RUN, clipId: `${RUN}_c1`, winnerClipId: null, label: 'Kling', onchange: (r: RunView) => answers.push(r.winner_clip_id) });
    const button = screen.getByRole('button', { name: 'Pick Kling as the winner' });
    expect(button).toHaveAttribute('aria-pressed', 'false');
    await fireEvent.click(button);
    await waitFor(() => expect(button).toHaveAttribute('aria-pressed', 'true'));
    expect(button).toHaveAccessibleName('Kling is the winner (click to clear)');
    expect(await winner()).toBe(`${RUN}_c1`);

    await fireEvent.click(button);
    await waitFor(() => expect(button).toHaveAttribute('aria-pressed', 'false'));
    expect(await winner()).toBeNull();
    expect(answers).toEqual([`${RUN}_c1`, null]);
  });

  it('shows not-pressed when another clip of the run is the winner, and takes over when pressed', async () => {
    const { rerender } = render(WinnerButton, { runId: RUN, clipId: `${RUN}_c2`, winnerClipId: `${RUN}_c1`, label: 'Sora' });
    const button = screen.getByRole('button', { name: 'Pick Sora as the winner' });
    await fireEvent.click(button);
    await waitFor(() => expect(button).toHaveAttribute('aria-pressed', 'true'));
    expect(await winner()).toBe(`${RUN}_c2`);
    // The run moved on elsewhere: the prop wins again.
    await rerender({ runId: RUN, clipId: `${RUN}_c2`, winnerClipId: `${RUN}_c3`, label: 'Sora' });
    expect(button).toHaveAttribute('aria-pressed', 'false');
  });

  it("shows the core's refusal when the clip is not the run's", async () => {
    render(WinnerButton, { runId: RUN, clipId: 'run_sample_1_c1', winnerClipId: null });
    await fireEvent.click(screen.getByRole('button', { name: 'Pick this take as the winner' }));
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent(/^clip: clip run_sample_1_c1 belongs to run run_sample_1/));
  });
});

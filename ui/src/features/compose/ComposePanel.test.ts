import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { useBackend } from '../../ipc/backend';
import { createFakeBackend } from '../../ipc/fake';
import { CatalogStore } from '../picker/catalogStore.svelte';
import ComposePanel from './ComposePanel.svelte';
import { ComposeStore } from './composeStore.svelte';

async function setup(onrun = vi.fn()) {
  useBackend(createFakeBackend());
  const catalog = new CatalogStore();
  await catalog.load();
  const compose = new ComposeStore();
  render(ComposePanel, { compose, catalog, demo: true, onrun });
  return { compose, onrun };
}

const runButton = () => screen.getByRole('button', { name: /^Run/ });
const tick = (key: string) => fireEvent.click(document.querySelector(`[data-model="${key}"]`)!);

describe('ComposePanel', () => {
  beforeEach(() => vi.useRealTimers());

  it('disables Run with an explanation until there is a prompt and a model', async () => {
    await setup();
    expect(runButton()).toBeDisabled();
    expect(document.getElementById('run-hint')).toHaveTextContent('Write a prompt to run.');
    await fireEvent.input(screen.getByLabelText('Prompt'), { target: { value: 'a lighthouse at dusk' } });
    expect(document.getElementById('run-hint')).toHaveTextContent('Pick at least one model.');
    await tick('kling-3.0-pro@fal');
    await waitFor(() => expect(runButton()).toBeEnabled());
  });

  it('updates the estimate when duration, audio and models change', async () => {
    const { onrun } = await setup();
    await fireEvent.input(screen.getByLabelText('Prompt'), { target: { value: 'a lighthouse at dusk' } });
    await tick('kling-3.0-pro@fal');
    // 5 s with audio at $0.168/s
    await waitFor(() => expect(runButton()).toHaveTextContent('Run 1 model · est. $0.84'));

    await fireEvent.change(screen.getByLabelText('Duration'), { target: { value: '10' } });
    await waitFor(() => expect(runButton()).toHaveTextContent('est. $1.68'));

    await fireEvent.click(screen.getByLabelText('Audio'));
    // silent Kling is $0.112/s
    await waitFor(() => expect(runButton()).toHaveTextContent('est. $1.12'));

    // Sora 2 Pro cannot do 10 s at 1080p: it runs 12 s at 1024p, $0.50/s → $6.00
    await tick('sora-2-pro@openai');
    await waitFor(() => expect(runButton()).toHaveTextContent('Run 2 models · est. $7.12'));
    expect(screen.getByText('asked 10 s → ran 12 s')).toBeInTheDocument();

    await fireEvent.click(runButton());
    expect(onrun).toHaveBeenCalledOnce();
  });

  it('shows a strict-parity refusal inline, naming the field', async () => {
    await setup();
    await fireEvent.input(screen.getByLabelText('Prompt'), { target: { value: 'a lighthouse at dusk' } });
    await fireEvent.change(screen.getByLabelText('Duration'), { target: { value: '10' } });
    await fireEvent.click(screen.getByLabelText(/Strict parity/));
    await tick('sora-2-pro@openai');
    const problem = await screen.findByRole('alert');
    expect(problem).toHaveTextContent('Duration: Sora 2 Pro does not allow 10; allowed values: 4, 8, 12');
    expect(screen.getByLabelText('Duration')).toHaveAttribute('aria-invalid', 'true');
    expect(runButton()).toBeDisabled();
    expect(document.getElementById('run-hint')).toHaveTextContent('Fix the problem above to run.');
  });
});

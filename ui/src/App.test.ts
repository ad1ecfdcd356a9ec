import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import App from './App.svelte';
import { useBackend } from './ipc/backend';
import { createFakeBackend } from './ipc/fake';

describe('App with the fake backend', () => {
  afterEach(() => vi.useRealTimers());

  it('teaches the first launch, then runs with Ctrl+Enter and fills tiles from clip updates', async () => {
    // pace shrinks the simulated delays so the whole run fits in a test.
    useBackend(createFakeBackend({ pace: 0.01 }));
    render(App);
    expect(await screen.findByText('Turn on Demo providers to try Dailies with no keys')).toBeInTheDocument();

    await fireEvent.click(screen.getByRole('button', { name: 'Turn on Demo providers' }));
    await waitFor(() => expect(screen.getByLabelText('Demo providers — simulated, no charges')).toBeChecked());
    expect(screen.getByText('Compare models on one prompt')).toBeInTheDocument();

    await fireEvent.input(screen.getByLabelText('Prompt'), { target: { value: 'A policy test: lighthouse at dusk' } });
    await waitFor(() => expect(document.querySelector('[data-model="veo-3.1@google"]')).toBeInTheDocument());
    await fireEvent.click(document.querySelector('[data-model="veo-3.1@google"]')!);
    await fireEvent.click(document.querySelector('[data-model="kling-3.0-pro@fal"]')!);
    await waitFor(() => expect(screen.getByRole('button', { name: /^Run 2 models · est\. \$/ })).toBeEnabled());

    await fireEvent.keyDown(window, { key: 'Enter', ctrlKey: true });
    await waitFor(() => expect(document.querySelectorAll('[data-clip-id]')).toHaveLength(2));

    const tile = (model: string) => document.querySelector<HTMLElement>(`[data-model="${model}"][data-clip-id]`)!;
    await waitFor(() => expect(tile('veo-3.1').dataset.status).toBe('succeeded'), { timeout: 3000 });
    await waitFor(() => expect(tile('kling-3.0-pro').dataset.status).toBe('failed'), { timeout: 3000 });
    expect(tile('kling-3.0-pro')).toHaveTextContent('Kling rejected the prompt: content policy');
    expect(tile('veo-3.1').querySelector('.tile-cost')).toHaveTextContent('est. $2.40'); // Google reports no charge; Veo runs 6 s (asked 5) at $0.40/s

    const library = screen.getByRole('navigation', { name: 'Library' });
    await waitFor(() => expect(library).toHaveTextContent('1 ✓'));
    expect(library).toHaveTextContent('1 ✗');
  });

  it('explains a refused start inline and clears it once the request changes', async () => {
    useBackend(createFakeBackend()); // demo off, no keys
    render(App);
    await fireEvent.input(screen.getByLabelText('Prompt'), { target: { value: 'a lighthouse' } });
    await waitFor(() => expect(document.querySelector('[data-model="kling-3.0-pro@fal"]')).toBeInTheDocument());
    await fireEvent.click(document.querySelector('[data-model="kling-3.0-pro@fal"]')!);
    await waitFor(() => expect(screen.getByRole('button', { name: /^Run 1 model/ })).toBeEnabled());
    await fireEvent.click(screen.getByRole('button', { name: /^Run 1 model/ }));
    const problem = await screen.findByRole('alert');
    expect(problem).toHaveTextContent("Keys: no key for route 'fal'");
    await fireEvent.click(screen.getByLabelText('Demo providers — simulated, no charges'));
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
  });
});

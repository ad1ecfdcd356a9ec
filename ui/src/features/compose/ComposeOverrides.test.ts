// The composer's per-model panel: what each model receives (shots as Kling's list and as
// prose for the others), and an override that changes one model only.
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import { useBackend } from '../../ipc/backend';
import { createFakeBackend } from '../../ipc/fake';
import { CatalogStore } from '../picker/catalogStore.svelte';
import ComposePanel from './ComposePanel.svelte';
import { ComposeStore } from './composeStore.svelte';

async function setup() {
  useBackend(createFakeBackend());
  const catalog = new CatalogStore();
  await catalog.load();
  const compose = new ComposeStore(catalog);
  render(ComposePanel, { compose, catalog, demo: true, onrun: vi.fn() });
  return { compose };
}

const receives = (key: string) => document.querySelector<HTMLElement>(`[data-receives="${key}"]`);
const tick = (key: string) => fireEvent.click(document.querySelector(`[data-model="${key}"]`)!);
const slow = { timeout: 4000 };

describe('ComposePanel: what each model receives', () => {
  it('shows one shot list as Kling multi_prompt and as each family’s prose', async () => {
    const { compose } = await setup();
    await fireEvent.input(screen.getByLabelText('Prompt'), { target: { value: 'a lighthouse keeper at dusk' } });
    await tick('kling-3.0-pro@fal');
    await tick('sora-2@openai');
    compose.shots = [
      { prompt: 'wide on the tower', duration_s: 4 },
      { prompt: 'close on the lamp', duration_s: 6 },
    ];
    await waitFor(() => expect(receives('kling-3.0-pro@fal')?.querySelector('[data-field="multi_prompt"]')).toBeTruthy(), slow);
    expect(within(receives('kling-3.0-pro@fal')!).getAllByRole('listitem').map((li) => li.textContent?.trim())).toEqual([
      '4 s wide on the tower',
      '6 s close on the lamp',
    ]);
    await waitFor(() => expect(receives('sora-2@openai')).toHaveTextContent('Shot 1 (4 s): wide on the tower. Shot 2 (6 s): close on the lamp.'), slow);
  });

  it('overrides one model’s duration: sent for it only, shown on its card', async () => {
    const { compose } = await setup();
    await fireEvent.input(screen.getByLabelText('Prompt'), { target: { value: 'a lighthouse keeper at dusk' } });
    await tick('kling-3.0-pro@fal');
    await tick('wan-2.5@fal');
    await waitFor(() => expect(receives('kling-3.0-pro@fal')).toBeTruthy(), slow);
    await fireEvent.click(within(receives('kling-3.0-pro@fal')!).getByRole('button', { name: 'Override…' }));
    await fireEvent.input(document.getElementById('ov-duration-kling-3-0-pro-fal')!, { target: { value: '10' } });
    expect(compose.request.params.overrides).toEqual([{ model: 'kling-3.0-pro@fal', duration_s: 10 }]);
    await waitFor(() => expect(receives('kling-3.0-pro@fal')).toHaveTextContent('duration overridden'), slow);
    expect(receives('kling-3.0-pro@fal')).toHaveTextContent('duration 10');
    expect(receives('wan-2.5@fal')).not.toHaveTextContent('overridden');
    // Clearing it sends nothing extra.
    await fireEvent.click(screen.getByRole('button', { name: 'Clear overrides' }));
    expect(compose.request.params.overrides).toBeUndefined();
  });

  it('Tab from the prompt lands in the model search', async () => {
    await setup();
    const order = [...document.querySelectorAll<HTMLElement>('textarea, input, select, button, [tabindex]')].filter(
      (el) => el.tabIndex >= 0 && !(el as HTMLInputElement).disabled,
    );
    const prompt = order.indexOf(screen.getByLabelText('Prompt'));
    expect(order[prompt + 1]).toBe(screen.getByLabelText('Search models'));
  });
});

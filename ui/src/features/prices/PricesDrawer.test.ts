import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useBackend } from '../../ipc/backend';
import { createFakeBackend } from '../../ipc/fake';
import { CatalogStore } from '../picker/catalogStore.svelte';
import ModelPicker from '../picker/ModelPicker.svelte';
import PricesDrawer from './PricesDrawer.svelte';

async function setup() {
  const fake = createFakeBackend();
  useBackend(fake);
  const catalog = new CatalogStore();
  await catalog.load();
  render(PricesDrawer, { open: true, catalog, onclose: () => {} });
  render(ModelPicker, { catalog, selected: [], plan: null, demo: true, ontoggle: () => {} });
  return { fake, catalog };
}

const priceRow = (key: string) => document.querySelector<HTMLElement>(`[data-price="${key}"]`)!;
const pickerRow = (key: string) => document.querySelector(`[data-model="${key}"]`)!.closest('label')!;

describe('PricesDrawer', () => {
  afterEach(() => vi.useRealTimers());

  it('saves a custom $/s as a single dated rule, marks it in the picker, and resets to the shipped price', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-21T12:00:00'));
    const { fake } = await setup();
    const setPrice = vi.spyOn(fake, 'setPriceOverride');
    const row = priceRow('kling-3.0-pro@fal');
    const input = within(row).getByLabelText('Kling 3.0 Pro');
    expect(input).toHaveValue('0.168');
    expect(within(row).getByRole('button', { name: 'Save' })).toBeDisabled();

    await fireEvent.input(input, { target: { value: '0.2' } });
    await fireEvent.click(within(row).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(within(row).getByText('custom')).toBeInTheDocument());
    expect(setPrice).toHaveBeenCalledWith('kling-3.0-pro', 'fal', { rules: [{ usd_per_second: 0.2 }], source: 'custom', as_of: '2026-11-21' });
    expect(pickerRow('kling-3.0-pro@fal')).toHaveTextContent('$0.20/s');
    expect(pickerRow('kling-3.0-pro@fal')).toHaveTextContent('custom price');
    expect(input).toHaveValue('0.2');

    await fireEvent.click(within(row).getByRole('button', { name: 'Reset' }));
    await waitFor(() => expect(within(row).queryByText('custom')).toBeNull());
    expect(input).toHaveValue('0.168');
    expect(pickerRow('kling-3.0-pro@fal')).toHaveTextContent('$0.168/s');
    expect(pickerRow('kling-3.0-pro@fal')).not.toHaveTextContent('custom price');
  });

  it('refuses a price that is not a number and filters the list', async () => {
    await setup();
    const row = priceRow('sora-2@openai');
    await fireEvent.input(within(row).getByLabelText('Sora 2'), { target: { value: 'ten' } });
    expect(row).toHaveTextContent('A price is a number of dollars per second');
    expect(within(row).getByRole('button', { name: 'Save' })).toBeDisabled();

    await fireEvent.input(screen.getByLabelText('Filter models'), { target: { value: 'veo' } });
    expect(document.querySelector('[data-price="sora-2@openai"]')).toBeNull();
    expect(priceRow('veo-3.1@google')).toBeInTheDocument();
  });
});

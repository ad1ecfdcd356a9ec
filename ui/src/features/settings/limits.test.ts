import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { useBackend } from '../../ipc/backend';
import { createFakeBackend } from '../../ipc/fake';
import { LimitsStore, resolvedTheme } from './limitsStore.svelte';
import SettingsDrawer from './SettingsDrawer.svelte';
import SpendMeter from './SpendMeter.svelte';

async function loaded() {
  const fake = createFakeBackend();
  useBackend(fake);
  const limits = new LimitsStore();
  await limits.load();
  return { fake, limits };
}

const input = (key: string) => document.querySelector<HTMLInputElement>(`[data-setting="${key}"]`)!;

describe('settings drawer', () => {
  it('shows each route\'s default concurrency and saves a new one', async () => {
    const { fake, limits } = await loaded();
    render(SettingsDrawer, { open: true, limits, onclose: () => {} });
    expect(input('concurrency.fal').placeholder).toBe('2');
    expect(input('concurrency.kling').placeholder).toBe('1');
    await fireEvent.change(input('concurrency.fal'), { target: { value: '4' } });
    await waitFor(async () => expect((await fake.listSettings()).find((e) => e.key === 'concurrency.fal')?.value).toBe('4'));
    expect(limits.entry('concurrency.fal')?.source).toBe('set');
  });

  it('shows the core\'s refusal next to the field, naming what it takes, and keeps the old value', async () => {
    const { fake, limits } = await loaded();
    render(SettingsDrawer, { open: true, limits, onclose: () => {} });
    await fireEvent.change(input('concurrency.fal'), { target: { value: '0' } });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent("concurrency.fal: '0' is not valid; allowed values: an integer from 1 to 64");
    expect(input('concurrency.fal')).toHaveAttribute('aria-invalid', 'true');
    expect((await fake.listSettings()).find((e) => e.key === 'concurrency.fal')?.source).toBe('default');
    // Emptying the field returns it to the default and clears the refusal.
    await fireEvent.change(input('concurrency.fal'), { target: { value: '' } });
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
  });

  it('sets a day budget that the header meter then measures against', async () => {
    const { limits } = await loaded();
    render(SettingsDrawer, { open: true, limits, onclose: () => {} });
    await fireEvent.change(input('budget.day_usd'), { target: { value: '$5' } });
    await waitFor(() => expect(limits.spend?.day_budget_usd).toBe(5));
    render(SpendMeter, { limits, demo: false, onopen: () => {} });
    expect(screen.getByTestId('spend-meter')).toHaveTextContent('Today $0.00 / $5.00');
  });
});

describe('theme', () => {
  it('follows the system unless light or dark is chosen', () => {
    expect(resolvedTheme('system', true)).toBe('dark');
    expect(resolvedTheme('system', false)).toBe('light');
    expect(resolvedTheme('light', true)).toBe('light');
    expect(resolvedTheme('dark', false)).toBe('dark');
  });
});

import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import { useBackend } from '../../ipc/backend';
import { createFakeBackend } from '../../ipc/fake';
import AppHeader from '../shell/AppHeader.svelte';
import KeysDrawer from './KeysDrawer.svelte';
import { SettingsStore } from './settingsStore.svelte';

async function loadedSettings() {
  const fake = createFakeBackend();
  useBackend(fake);
  const settings = new SettingsStore();
  await settings.load();
  return { fake, settings };
}

describe('demo switch', () => {
  it('is a labelled checkbox bound to set_demo, with a DEMO badge when on', async () => {
    const { fake, settings } = await loadedSettings();
    const setDemo = vi.spyOn(fake, 'setDemo');
    render(AppHeader, { settings, onOpenKeys: () => {} });
    const toggle = screen.getByLabelText('Demo providers — simulated, no charges');
    expect(toggle).toHaveAttribute('id', 'demo-toggle');
    expect(toggle).not.toBeChecked();
    expect(screen.queryByText('DEMO')).toBeNull();
    await fireEvent.click(toggle);
    await waitFor(() => expect(screen.getByText('DEMO')).toBeInTheDocument());
    expect(setDemo).toHaveBeenCalledWith(true);
    expect((await fake.getSettings()).demo).toBe(true);
  });
});

describe('keys drawer', () => {
  it('lists routes with their key source and never shows a key', async () => {
    const { settings } = await loadedSettings();
    const changed = vi.fn();
    settings.onKeysChanged = changed;
    render(KeysDrawer, { open: true, settings, onclose: () => {} });
    const fal = document.querySelector<HTMLElement>('[data-route="fal"]')!;
    expect(fal).toHaveTextContent('missing');
    expect(fal).toHaveTextContent('FAL_KEY');

    const input = within(fal).getByLabelText('fal');
    expect(input).toHaveAttribute('type', 'password');
    await fireEvent.input(input, { target: { value: 'fal-super-secret' } });
    await fireEvent.click(within(fal).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(fal).toHaveTextContent('keychain'));
    await waitFor(() => expect(input).toHaveValue(''));
    expect(document.body.textContent).not.toContain('fal-super-secret');
    expect(changed).toHaveBeenCalled();

    await fireEvent.click(within(fal).getByRole('button', { name: 'Remove' }));
    await waitFor(() => expect(fal).toHaveTextContent('missing'));
  });

  it('shows environment keys by variable name', async () => {
    const { settings } = await loadedSettings();
    settings.keys = [{ route: 'openai', source: 'environment', env_var: 'OPENAI_API_KEY' }];
    render(KeysDrawer, { open: true, settings, onclose: () => {} });
    expect(screen.getByText('env OPENAI_API_KEY')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Remove' })).toBeNull();
  });
});

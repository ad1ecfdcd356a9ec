import { render, screen, waitFor } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { useBackend } from '../../ipc/backend';
import { createFakeBackend } from '../../ipc/fake';
import StatsDrawer from './StatsDrawer.svelte';
import { useInertCanvas } from '../../../test/inertCanvas';

describe('StatsDrawer', () => {
  useInertCanvas();
  it('says per model whether its cost is billed or estimated, never that an estimate is the real cost', async () => {
    useBackend(createFakeBackend({ sample: true }));
    render(StatsDrawer, { open: true, demo: true, onclose: () => {} });
    await waitFor(() => expect(screen.getByTestId('model-stats')).toBeInTheDocument());
    const share = (key: string) => document.querySelector(`[data-stats="${key}"] [data-testid="billed-share"]`)?.textContent?.trim();
    expect(share('kling-3.0-pro@kling')).toBe('billed');
    expect(share('kling-3.0-pro@fal')).toBe('est.');
    expect(document.body).not.toHaveTextContent('really cost');
    expect(document.body).toHaveTextContent('otherwise the catalog estimate');
  });
});

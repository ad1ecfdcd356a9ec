import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import { makeClip, makeRun } from '../../../test/fixtures';
import type { ClipStatus } from '../../ipc/bindings.gen';
import RerunControls from './RerunControls.svelte';

const run = (statuses: ClipStatus[], over: object = {}) =>
  makeRun({
    prompt: 'a lighthouse at dusk',
    clips: statuses.map((status, i) => makeClip({ id: `c${i}`, status, ...over })),
  });

describe('RerunControls', () => {
  it('re-runs all, or only what failed or was canceled, counting them', async () => {
    const onrerun = vi.fn();
    render(RerunControls, { run: run(['succeeded', 'failed', 'canceled']), onrerun });
    await fireEvent.click(screen.getByRole('button', { name: 'Re-run' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Re-run failed (2)' }));
    expect(onrerun.mock.calls).toEqual([[{ failed_only: false, models: [] }], [{ failed_only: true, models: [] }]]);
  });

  it('offers no failed-only re-run when everything delivered', () => {
    render(RerunControls, { run: run(['succeeded', 'succeeded']), onrerun: vi.fn() });
    expect(screen.getByRole('button', { name: 'Re-run failed' })).toBeDisabled();
  });

  it('re-runs with an edited prompt, trimmed, and never an empty one', async () => {
    const onrerun = vi.fn();
    render(RerunControls, { run: run(['succeeded']), onrerun });
    await fireEvent.click(screen.getByRole('button', { name: 'Edit & re-run' }));
    const draft = screen.getByLabelText('Edited prompt');
    expect(draft).toHaveValue('a lighthouse at dusk');
    await fireEvent.input(draft, { target: { value: '   ' } });
    expect(screen.getByRole('button', { name: 'Re-run with this prompt' })).toBeDisabled();
    await fireEvent.input(draft, { target: { value: ' a lighthouse at night ' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Re-run with this prompt' }));
    expect(onrerun).toHaveBeenCalledExactlyOnceWith({ failed_only: false, models: [], prompt: 'a lighthouse at night' });
    expect(screen.queryByLabelText('Edited prompt')).toBeNull();
  });

  it('offers nothing for a remix, which the core refuses to re-run', () => {
    render(RerunControls, { run: run(['failed'], { remix_of: 'clip_0' }), onrerun: vi.fn() });
    expect(screen.queryByRole('button', { name: /Re-run/ })).toBeNull();
  });
});

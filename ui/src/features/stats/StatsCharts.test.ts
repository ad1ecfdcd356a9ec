import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { useBackend } from '../../ipc/backend';
import { createFakeBackend } from '../../ipc/fake';
import type { VoteWinner } from '../../ipc/bindings.gen';
import { PRELIMINARY_BELOW_VOTES } from '../../lib/arena';
import StatsDrawer from './StatsDrawer.svelte';
import { useInertCanvas } from '../../../test/inertCanvas';

describe('Stats charts and leaderboard', () => {
  useInertCanvas();
  it('mounts a uPlot chart per series and rebuilds them when the grouping changes', async () => {
    useBackend(createFakeBackend({ sample: true, historyDays: 20 }));
    render(StatsDrawer, { open: true, demo: true, onclose: () => {} });
    await waitFor(() => expect(screen.getByTestId('stats-charts')).toBeInTheDocument());
    for (const id of ['chart-spend', 'chart-success', 'chart-latency']) {
      expect(screen.getByTestId(id).querySelector('.uplot canvas'), id).not.toBeNull();
    }
    expect(screen.getByTestId('chart-spend')).toHaveTextContent('Kling · billed');
    expect(screen.getByTestId('chart-per-second').querySelectorAll('li').length).toBeGreaterThan(1);
    await fireEvent.click(screen.getByRole('button', { name: 'Day' }));
    await waitFor(() => expect(screen.getByTestId('chart-spend')).toHaveTextContent('Day'));
    expect(screen.getByTestId('chart-spend').querySelectorAll('.uplot').length, 'the old instance is destroyed').toBe(1);
  });

  it('says when nothing was sent on real keys', async () => {
    useBackend(createFakeBackend({ sample: true }));
    render(StatsDrawer, { open: true, demo: false, onclose: () => {} });
    await waitFor(() => expect(screen.getByTestId('stats-charts-empty')).toHaveTextContent('on your own keys'));
  });

  it('ranks on the chosen criterion, counts votes and marks few-vote models preliminary', async () => {
    const fake = createFakeBackend({ sample: true });
    useBackend(fake);
    const clips = (await fake.getRun('run_sample_2')).clips.filter((c) => c.status === 'succeeded');
    const vote = (left: number, right: number, winner: VoteWinner, criterion: string) =>
      fake.vote({ left_clip_id: clips[left].id, right_clip_id: clips[right].id, winner, criterion });
    for (let i = 0; i < PRELIMINARY_BELOW_VOTES; i++) await vote(0, 1, i % 3 === 0 ? 'tie' : 'left', 'motion');
    await vote(2, 0, 'left', 'look');
    render(StatsDrawer, { open: true, demo: true, onclose: () => {} });
    await waitFor(() => expect(screen.getByTestId('leaderboard')).toBeInTheDocument());
    const rows = () => [...document.querySelectorAll('[data-leader]')].map((r) => [r.getAttribute('data-leader'), r.classList.contains('preliminary')]);
    const [a, b, c] = clips.map((x) => `${x.model}@${x.route}`);
    expect(rows()).toEqual([[a, false], [b, false], [c, true]]);
    expect(document.querySelector(`[data-leader="${a}"]`)).toHaveTextContent(`${PRELIMINARY_BELOW_VOTES + 1}`);
    await fireEvent.change(screen.getByTestId('leaderboard-criterion'), { target: { value: 'look' } });
    await waitFor(() => expect(rows()).toEqual([[c, true], [a, true]]));
  });
});

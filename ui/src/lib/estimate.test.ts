import { describe, expect, it } from 'vitest';
import { makeClip } from '../../test/fixtures';
import type { RunPlan } from '../ipc/bindings.gen';
import { billedShareLabel, clipCostLabel, costTotalLabel, estimatesByKey, runBlocker, runButtonLabel, runCost, sumUsd } from './estimate';

describe('run button', () => {
  it('says how many models and the estimate', () => {
    expect(runButtonLabel(2, 2.1)).toBe('Run 2 models · est. $2.10');
    expect(runButtonLabel(1, 0.84)).toBe('Run 1 model · est. $0.84');
    expect(runButtonLabel(3, null)).toBe('Run 3 models');
    expect(runButtonLabel(0, null)).toBe('Run');
    expect(runButtonLabel(2, 4.2, 2)).toBe('Run 2 models × 2 takes · est. $4.20');
    expect(runButtonLabel(1, null, 1)).toBe('Run 1 model');
  });
  it('explains why it cannot run', () => {
    const ok = { prompt: 'a', selectedCount: 1, planError: null, starting: false };
    expect(runBlocker(ok)).toBeNull();
    expect(runBlocker({ ...ok, prompt: '   ' })).toBe('Write a prompt to run.');
    expect(runBlocker({ ...ok, selectedCount: 0 })).toBe('Pick at least one model.');
    expect(runBlocker({ ...ok, planError: 'duration: …' })).toMatch(/Fix the problem/);
    expect(runBlocker({ ...ok, starting: true })).toBe('Starting…');
    expect(runBlocker({ ...ok, shotWithoutPrompt: true })).toBe('Give every shot a prompt.');
    expect(runBlocker({ ...ok, needsStartImage: 'Runway Gen-4 Turbo needs a start image' })).toBe('Runway Gen-4 Turbo needs a start image.');
    // It explains the plan's refusal of the same request, so it wins over "fix the problem".
    expect(runBlocker({ ...ok, planError: 'start-image: …', needsStartImage: 'Runway Gen-4 Turbo needs a start image' })).toMatch(/needs a start image/);
  });
});

describe('estimate maths', () => {
  it('sums to a tenth of a cent without float noise', () => {
    expect(sumUsd([0.1, 0.2])).toBe(0.3);
    expect(sumUsd([0.84, 2.0, 2.4, 0.62])).toBe(5.86);
  });
  it('keys planned clips by model@route', () => {
    const plan = { clips: [{ model: 'sora-2', route: 'openai', estimated_cost_usd: 0.4 }] } as unknown as RunPlan;
    expect(estimatesByKey(plan).get('sora-2@openai')?.estimated_cost_usd).toBe(0.4);
    expect(estimatesByKey(null).size).toBe(0);
  });
  it('splits a run into spent (with its billed part) and still running', () => {
    const clips = [
      makeClip({ id: 'a', status: 'succeeded', cost_usd: 0.84, cost_kind: 'estimated' }),
      makeClip({ id: 'k', status: 'succeeded', cost_usd: 0.56, cost_kind: 'billed', billed_cost_usd: 0.56 }),
      makeClip({ id: 'b', status: 'generating', estimated_cost_usd: 2 }),
      makeClip({ id: 'c', status: 'failed', estimated_cost_usd: 1 }),
    ];
    expect(runCost(clips)).toEqual({ spent: 1.4, billed: 0.56, pending: 2 });
  });
  it('words a total by how much of it is billed', () => {
    expect(costTotalLabel(0.56, 1.4)).toBe('$1.40 · 40 % billed');
    expect(costTotalLabel(1.4, 1.4)).toBe('$1.40 billed');
    expect(costTotalLabel(0, 1.4)).toBe('est. $1.40');
    expect(costTotalLabel(0, 0)).toBe('$0.00');
    expect([billedShareLabel(0.62), billedShareLabel(1), billedShareLabel(0), billedShareLabel(null)]).toEqual(['62 % billed', 'billed', 'est.', null]);
  });
});

describe('clip cost label', () => {
  it('labels every cost billed or est., delivered or not', () => {
    // A route that reports no charge: the delivered cost is the estimate and says so.
    expect(clipCostLabel(makeClip({ status: 'succeeded', cost_usd: 0.84, cost_kind: 'estimated' }))).toBe('est. $0.84');
    expect(clipCostLabel(makeClip({ status: 'succeeded', cost_usd: 0.8, cost_kind: 'billed', billed_cost_usd: 0.8 }))).toBe('$0.80 billed · est. $0.84');
    expect(clipCostLabel(makeClip({ status: 'generating' }))).toBe('est. $0.84');
    expect(clipCostLabel(makeClip({ status: 'failed' }))).toBe('nothing delivered');
    expect(clipCostLabel(makeClip({ status: 'unknown' }))).toBe('est. $0.84 · may be charged');
  });
});

import { describe, expect, it } from 'vitest';
import type { Eta } from '../../ipc/bindings.gen';
import { etaLine, formatCountdown } from './eta';

const SENT = 1_760_000_000_000;

function eta(over: Partial<Eta> = {}): Eta {
  return {
    source: 'history', samples: 12, queue_p50_ms: 4_000, queue_p90_ms: 9_000, generate_p50_ms: 43_000, generate_p90_ms: 61_000,
    total_p50_ms: 47_000, total_p90_ms: 70_000, end_p50_ms: SENT + 47_000, end_p90_ms: SENT + 70_000, ...over,
  };
}

describe('formatCountdown', () => {
  it('says seconds under a minute and m:ss above, never negative', () => {
    expect(formatCountdown(38_400)).toBe('38 s');
    expect(formatCountdown(59_499)).toBe('59 s');
    expect(formatCountdown(70_000)).toBe('1:10');
    expect(formatCountdown(725_000)).toBe('12:05');
    expect(formatCountdown(-3_000)).toBe('0 s');
  });
});

describe('etaLine', () => {
  it('counts down to p50 with p90 as the upper bound', () => {
    const line = etaLine(eta(), SENT + 9_000);
    expect(line).toMatchObject({ phase: 'early', text: '~38 s left · p90 1:01', source: null });
    expect(line.detail).toContain('last 12 finished clips');
  });

  it('says the end is due between p50 and p90', () => {
    expect(etaLine(eta(), SENT + 50_000)).toMatchObject({ phase: 'due', text: 'due now · p90 in 20 s' });
  });

  it('says honestly by how much a clip is over its p90', () => {
    expect(etaLine(eta(), SENT + 82_000)).toMatchObject({ phase: 'overdue', text: 'over p90 by 12 s' });
  });

  it('names the catalog when there is no history yet', () => {
    const line = etaLine(eta({ source: 'catalog', samples: 0 }), SENT + 1_000);
    expect(line.source).toBe('from catalog');
    expect(line.detail).toContain("catalog's usual time");
  });

  it('gives the duration, not a countdown, before the clip is sent', () => {
    expect(etaLine(eta({ end_p50_ms: null, end_p90_ms: null }), SENT)).toMatchObject({
      phase: 'not-sent', text: '~47 s once sent · p90 1:10',
    });
  });
});

import { describe, expect, it } from 'vitest';
import { LatestOnly } from './latest';

describe('LatestOnly', () => {
  it('retires every earlier ticket when a new one is taken', () => {
    const latest = new LatestOnly();
    const a = latest.next();
    expect(latest.isCurrent(a)).toBe(true);
    const b = latest.next();
    expect(latest.isCurrent(a)).toBe(false);
    expect(latest.isCurrent(b)).toBe(true);
  });

  it('keeps two trackers apart', () => {
    const one = new LatestOnly();
    const two = new LatestOnly();
    const ticket = one.next();
    two.next();
    two.next();
    expect(one.isCurrent(ticket)).toBe(true);
  });
});

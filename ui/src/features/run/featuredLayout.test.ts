import { describe, expect, it } from 'vitest';
import { featuredLayout } from './featuredLayout';

describe('featuredLayout', () => {
  it('gives the featured take the height the strip leaves, the others a small strip', () => {
    const fit = featuredLayout({ count: 4, width: 1200, height: 800, aspect: 16 / 9, footer: 86, gap: 10 });
    expect(fit.stripColumns).toBe(3);
    expect(fit.stripWidth).toBe(240);
    const stripHeight = 240 / (16 / 9) + 86;
    expect(fit.featuredWidth).toBe(Math.floor((800 - stripHeight - 10 - 86) * (16 / 9)));
    expect(fit.featuredWidth).toBeLessThanOrEqual(1200);
  });

  it('never wider than the stage, and sensible before the stage is measured', () => {
    expect(featuredLayout({ count: 2, width: 600, height: 5000, aspect: 16 / 9, footer: 86, gap: 10 }).featuredWidth).toBe(600);
    expect(featuredLayout({ count: 3, width: 0, height: 0, aspect: 1, footer: 86, gap: 10 }).featuredWidth).toBeGreaterThan(0);
  });
});

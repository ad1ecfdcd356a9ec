import { describe, expect, it } from 'vitest';
import type { RunPlan } from '../ipc/bindings.gen';
import { describeImage, imageUseByKey, splitAspectProblem } from './images';
import { customPrice, priceProblem } from './prices';

describe('image helpers', () => {
  it('reads from the plan which clips keep the start image', () => {
    const plan = {
      params: { prompt: 'x', start_image: '/in.png' },
      clips: [
        { model: 'kling-3.0-pro', route: 'fal', resolved: { start_image: '/in.png' } },
        { model: 'sora-2', route: 'openai', resolved: {} },
      ],
    } as unknown as RunPlan;
    expect([...imageUseByKey(plan)]).toEqual([
      ['kling-3.0-pro@fal', 'image'],
      ['sora-2@openai', 'text'],
    ]);
    expect(imageUseByKey({ ...plan, params: { prompt: 'x' } }).size).toBe(0);
    expect(imageUseByKey(null).size).toBe(0);
  });

  it('describes an image and splits the CLI remedy off an aspect refusal', () => {
    expect(describeImage({ width: 1920, height: 1080, format: 'png' })).toBe('1920×1080 · PNG');
    expect(describeImage({ width: 0, height: 0, format: '' })).toBe('');
    const message = 'start-image: veo-3.1@google needs an image near one of its aspect ratios; this one is 1000x1000; pass --crop to centre-crop it to 16:9';
    expect(splitAspectProblem(message)).toEqual({
      problem: 'start-image: veo-3.1@google needs an image near one of its aspect ratios; this one is 1000x1000',
      target: '16:9',
    });
    expect(splitAspectProblem('something else')).toEqual({ problem: 'something else', target: null });
  });
});

describe('custom prices', () => {
  it('is one dated rule and keeps the billed-unit conversions', () => {
    const shipped = { rules: [{ usd_per_second: 0.1 }, { usd_per_second: 0.2 }], source: 'kling.com', as_of: '2026-08-01', usd_per_unit: 0.14 };
    expect(customPrice(0.25, shipped, '2026-11-21')).toEqual({
      rules: [{ usd_per_second: 0.25 }],
      source: 'custom',
      as_of: '2026-11-21',
      usd_per_unit: 0.14,
    });
  });
  it('checks what was typed', () => {
    expect(priceProblem('0.2')).toBeNull();
    expect(priceProblem('0')).toBeNull();
    expect(priceProblem('')).toMatch(/Enter/);
    expect(priceProblem('-1')).toMatch(/0 or more/);
    expect(priceProblem('250')).toMatch(/decimal point/);
  });
});

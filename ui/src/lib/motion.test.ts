import { describe, expect, it } from 'vitest';
import type { MotionInfo } from '../ipc/bindings.gen';
import { makeModel, makeRoute } from '../../test/fixtures';
import { capabilityBadges, selectedRoutes } from './capabilities';
import { lengthLimits, lengthProblem, motionSupport, motionUses } from './motion';

const info = (over: Partial<MotionInfo> = {}): MotionInfo => ({
  endpoint: 'fal-ai/kling-video/v3/pro/motion-control',
  min_seconds: 3,
  max_seconds_image: 10,
  max_seconds_video: 30,
  price: { rules: [{ usd_per_second: 0.168 }], source: 't', as_of: '2026-12-07' },
  source: 'https://fal.ai',
  ...over,
});
const kling = makeModel({ id: 'kling-3.0-pro', name: 'Kling 3.0 Pro', routes: [makeRoute({ start_image: true, motion: info() })] });
const std = makeModel({ id: 'kling-3.0-standard', name: 'Kling 3.0 Standard', routes: [makeRoute({ start_image: true, motion: info({ max_seconds_video: 20 }) })] });
const veo = makeModel({ id: 'veo-3.1', name: 'Veo 3.1', routes: [makeRoute({ start_image: true })] });
const sora = makeModel({ id: 'sora-2', name: 'Sora 2', routes: [makeRoute({ route: 'openai' })] });
const pick = (...keys: string[]) => selectedRoutes([kling, std, veo, sora], keys);

describe('motionSupport', () => {
  it('splits the ticked models into those with motion control and those running without it', () => {
    const support = motionSupport(pick('kling-3.0-pro@fal', 'veo-3.1@fal', 'sora-2@openai'));
    expect(support.takers.map((r) => r.key)).toEqual(['kling-3.0-pro@fal']);
    expect(support.without).toEqual(['Veo 3.1', 'Sora 2']);
    expect(motionUses(support)).toBe('performed by Kling 3.0 Pro; Veo 3.1 and Sora 2 run without it');
    expect(motionUses(motionSupport(pick('kling-3.0-pro@fal')))).toBe('performed by Kling 3.0 Pro');
    expect(motionUses(motionSupport(pick('veo-3.1@fal')))).toBe('none of the selected models has motion control');
  });
});

describe('the picker badge', () => {
  it('shows motion control with its limits only where the route has it', () => {
    const badge = capabilityBadges(kling.routes[0]).find((b) => b.kind === 'motion');
    expect(badge).toMatchObject({ label: 'motion control' });
    expect(badge?.title).toContain('3–30 s');
    expect(capabilityBadges(veo.routes[0]).some((b) => b.kind === 'motion')).toBe(false);
  });
});

describe('lengthProblem', () => {
  const both = [info(), info({ max_seconds_video: 20 })];
  it('takes the tightest limits of the ticked routes', () => {
    expect(lengthLimits(both, 'video')).toEqual({ min: 3, max: 20 });
    expect(lengthLimits(both, 'image')).toEqual({ min: 3, max: 10 });
    expect(lengthLimits([], 'video')).toBeNull();
  });

  it('names the limit and the way out, and lets container rounding pass', () => {
    expect(lengthProblem(7, both, 'image')).toBeNull();
    expect(lengthProblem(10.04, both, 'image')).toBeNull();
    expect(lengthProblem(12, both, 'image')).toBe('12.0 s is too long: 3–10 s with this orientation; keep the video’s orientation to allow up to 20 s');
    expect(lengthProblem(25, both, 'video')).toBe('25.0 s is too long: 3–20 s with this orientation');
    expect(lengthProblem(2, both, 'video')).toBe('2.0 s is too short: motion control needs 3–20 s');
    expect(lengthProblem(99, [], 'video')).toBeNull();
  });
});

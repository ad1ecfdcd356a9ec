import { describe, expect, it } from 'vitest';
import { makeModel, makeRoute } from '../../test/fixtures';
import {
  capabilityBadges,
  cfgHint,
  cfgSupport,
  formatRange,
  joinNames,
  selectedRoutes,
  shotSupport,
  startImageBlocker,
} from './capabilities';

const kling = makeModel({ routes: [makeRoute({ start_image: true, end_image: true, cfg_scale: [0, 1], max_shots: 6 })] });
const sora = makeModel({ id: 'sora-2', name: 'Sora 2', routes: [makeRoute({ route: 'openai' })] });
const runway = makeModel({ id: 'runway-gen-4-turbo', name: 'Runway Gen-4 Turbo', routes: [makeRoute({ route: 'runway', start_image: true, requires_image: true })] });
const wan = makeModel({ id: 'wan', name: 'Wan', routes: [makeRoute({ route: 'fal', cfg_scale: [1, 10], max_shots: 3 })] });
const models = [kling, sora, runway, wan];
const pick = (...keys: string[]) => selectedRoutes(models, keys);

describe('selectedRoutes', () => {
  it('resolves keys against the catalog in selection order and skips unknown ones', () => {
    const routes = pick('sora-2@openai', 'kling-3.0-pro@fal', 'mystery@fal', 'sora-2@fal');
    expect(routes.map((r) => r.key)).toEqual(['sora-2@openai', 'kling-3.0-pro@fal']);
    expect(routes[1].route.cfg_scale).toEqual([0, 1]);
  });
});

describe('capabilityBadges', () => {
  it('words each capability compactly', () => {
    expect(capabilityBadges(kling.routes[0]).map((b) => b.label)).toEqual(['image → video', 'first+last frame', 'multi-shot ≤6', 'cfg 0–1']);
    expect(capabilityBadges(runway.routes[0]).map((b) => b.label)).toEqual(['image → video', 'image only']);
    expect(capabilityBadges(sora.routes[0])).toEqual([]);
    expect(formatRange([1, 10])).toBe('1–10');
    expect(formatRange([7, 7])).toBe('7');
  });
});

describe('startImageBlocker', () => {
  it('names the image-only models while there is no start image', () => {
    expect(startImageBlocker(pick('kling-3.0-pro@fal', 'runway-gen-4-turbo@runway'), false)).toBe('Runway Gen-4 Turbo needs a start image');
    expect(startImageBlocker(pick('runway-gen-4-turbo@runway'), true)).toBeNull();
    expect(startImageBlocker(pick('kling-3.0-pro@fal'), false)).toBeNull();
    const other = makeModel({ id: 'x', name: 'X Image', routes: [makeRoute({ requires_image: true })] });
    const both = selectedRoutes([runway, other], ['runway-gen-4-turbo@runway', 'x@fal']);
    expect(startImageBlocker(both, false)).toBe('Runway Gen-4 Turbo and X Image need a start image');
    expect(joinNames(['A', 'B', 'C'])).toBe('A, B and C');
  });
});

describe('cfg scale', () => {
  it('gives the range of the selected routes that take it and who ignores it', () => {
    const one = cfgSupport(pick('kling-3.0-pro@fal', 'sora-2@openai'));
    expect(one).toMatchObject({ bounds: [0, 1], range: 'range 0–1' });
    expect(one.ignoredBy.map((r) => r.model.name)).toEqual(['Sora 2']);
    expect(cfgHint(2, one, false)).toBe('prompt adherence · range 0–1');
    expect(cfgHint(2, one, true)).toBe('range 0–1 · used by 1 of 2 selected');
    expect(cfgHint(1, cfgSupport(pick('kling-3.0-pro@fal')), true)).toBe('range 0–1 · used by every selected model');

    const mixed = cfgSupport(pick('kling-3.0-pro@fal', 'wan@fal'));
    expect(mixed).toMatchObject({ bounds: [0, 10], range: '0–1 Kling 3.0 Pro · 1–10 Wan' });

    expect(cfgHint(1, cfgSupport(pick('sora-2@openai')), false)).toBe('none of the selected models takes a cfg scale');
    expect(cfgHint(0, cfgSupport([]), false)).toBe('pick a model first');
  });
});

describe('shotSupport', () => {
  it('says which selected routes take multi-shot, the fewest shots they take, and who joins them', () => {
    const support = shotSupport(pick('kling-3.0-pro@fal', 'wan@fal', 'sora-2@openai'));
    expect(support.takers.map((r) => r.key)).toEqual(['kling-3.0-pro@fal', 'wan@fal']);
    expect(support.maxShots).toBe(3);
    expect(support.joinedFor).toEqual(['Sora 2']);
    expect(shotSupport(pick('sora-2@openai'))).toMatchObject({ takers: [], maxShots: 0, joinedFor: ['Sora 2'] });
  });
});

import { describe, expect, it } from 'vitest';
import { makeModel, makeRoute } from '../../test/fixtures';
import { formatDurations, groupByFamily, lifecycleLabel, maxResolution, modelLabel, selectionKey, supportsSummary } from './models';

describe('groupByFamily', () => {
  it('keeps catalog order and groups models of one family', () => {
    const models = [
      makeModel({ id: 'kling-3.0-pro', family: 'Kling' }),
      makeModel({ id: 'sora-2', family: 'Sora', vendor: 'OpenAI' }),
      makeModel({ id: 'kling-3.0-standard', family: 'Kling' }),
    ];
    const groups = groupByFamily(models);
    expect(groups.map((g) => g.family)).toEqual(['Kling', 'Sora']);
    expect(groups[0].models.map((m) => m.id)).toEqual(['kling-3.0-pro', 'kling-3.0-standard']);
    expect(groups[1].vendor).toBe('OpenAI');
  });
});

describe('route descriptions', () => {
  it('words durations as a range or a list', () => {
    expect(formatDurations([3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15])).toBe('3–15 s');
    expect(formatDurations([4, 8, 12])).toBe('4/8/12 s');
    expect(formatDurations([5, 10])).toBe('5/10 s');
    expect(formatDurations([8])).toBe('8 s');
  });
  it('finds the highest resolution', () => {
    expect(maxResolution(['720p', '1024p'])).toBe('1024p');
    expect(maxResolution(['1080p', '4k', '720p'])).toBe('4k');
  });
  it('summarises what a route supports', () => {
    expect(supportsSummary(makeRoute())).toBe('3–15 s · 16:9 9:16 1:1 · ≤1080p · audio on/off · negative prompt');
    const sora = makeRoute({ durations: [4, 8, 12], aspects: ['16:9'], resolutions: ['720p'], audio: [true], negative_prompt: false });
    expect(supportsSummary(sora)).toBe('4/8/12 s · 16:9 · ≤720p · audio always');
    expect(supportsSummary(makeRoute({ negative_prompt: false, seed: true }))).toMatch(/audio on\/off · seed$/);
  });
  it('labels lifecycle states with their dates, and says when a shutdown date has passed', () => {
    const today = '2026-11-21';
    expect(lifecycleLabel({ state: 'active' }, today)).toBe('active');
    expect(lifecycleLabel({ state: 'deprecated', date: '2026-12-01' }, today)).toBe('deprecated · ends 2026-12-01');
    expect(lifecycleLabel({ state: 'deprecated', date: '2026-11-21' }, today)).toBe('deprecated · ends 2026-11-21');
    expect(lifecycleLabel({ state: 'deprecated', date: '2026-09-24' }, today)).toBe('deprecated · shutdown passed 2026-09-24');
    expect(lifecycleLabel({ state: 'deprecated' }, today)).toBe('deprecated');
    expect(lifecycleLabel({ state: 'retired', date: '2026-08-02' }, today)).toBe('retired 2026-08-02');
  });
});

describe('names', () => {
  it('builds and resolves selectors', () => {
    expect(selectionKey('kling-3.0-pro', 'fal')).toBe('kling-3.0-pro@fal');
    const models = [makeModel()];
    expect(modelLabel('kling-3.0-pro@fal', models)).toBe('Kling 3.0 Pro');
    expect(modelLabel('kling-3.0-pro', models)).toBe('Kling 3.0 Pro');
    expect(modelLabel('mystery-model', models)).toBe('mystery-model');
  });
});

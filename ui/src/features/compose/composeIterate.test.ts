import { describe, expect, it } from 'vitest';
import { makeClip } from '../../../test/fixtures';
import { ComposeStore } from './composeStore.svelte';

describe('ComposeStore: takes and recall', () => {
  it('sends takes only above one', () => {
    const compose = new ComposeStore();
    compose.prompt = 'a lighthouse';
    expect(compose.request.takes).toBeUndefined();
    compose.takes = 4;
    expect(compose.request.takes).toBe(4);
  });

  it('recalls the values a clip ran with, its seed and its model, as one take', () => {
    const compose = new ComposeStore();
    compose.takes = 3;
    compose.selected = ['sora-2@openai', 'veo-3.1@google'];
    compose.prompt = 'something else';
    const clip = makeClip({
      model: 'seedance-1.0-pro',
      route: 'fal',
      resolved: { prompt: 'a red car in rain', negative_prompt: 'blur', duration_s: 6, aspect: '9:16', resolution: '720p', audio: false, seed: 42 },
    });
    compose.recallClip(clip);
    expect(compose.request).toEqual({
      params: { prompt: 'a red car in rain', negative_prompt: 'blur', duration_s: 6, aspect: '9:16', resolution: '720p', audio: false, seed: 42 },
      models: ['seedance-1.0-pro@fal'],
      strict: false,
    });
  });
});

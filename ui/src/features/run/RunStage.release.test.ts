import { fireEvent, render, screen } from '@testing-library/svelte';
import { createRawSnippet, flushSync } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { makeClip } from '../../../test/fixtures';
import type { RunView } from '../../ipc/bindings.gen';
import type { ClipActions } from './clipActions';
import type { VideoState } from './playbackSync.svelte';
import RunStage from './RunStage.svelte';
import { RunStore } from './runStore.svelte';

// What the app benchmark does ten times (Ctrl+Enter: a new run replaces the one on stage),
// checked at the element level: every <video> of the run that left lets go of its media.

const runOf = (runId: string, ids: string[]) =>
  ({
    run_id: runId, prompt: 'p', params: { prompt: 'p' }, created_at: '', estimated_cost_usd: 0, demo: true,
    clips: ids.map((id) => makeClip({ id, run_id: runId, status: 'succeeded', media_path: `${runId}/${id}.mp4` })),
  }) as unknown as RunView;
const actions = { canCancel: () => false, canRemix: () => false, cancel: async () => '', remix: () => {}, rate: async () => null } as unknown as ClipActions;
const empty = createRawSnippet(() => ({ render: () => '<p>empty</p>' }));
const videos = () => [...document.querySelectorAll('video')];
const clockIds = () => (window as unknown as { __dailies: { videos: () => VideoState[] } }).__dailies.videos().map((v) => v.clipId);

describe('a run leaving the stage', () => {
  let load: MockInstance<HTMLMediaElement['load']>;
  beforeEach(() => {
    localStorage.clear();
    vi.spyOn(HTMLMediaElement.prototype, 'pause').mockImplementation(() => {});
    load = vi.spyOn(HTMLMediaElement.prototype, 'load').mockImplementation(() => {});
  });
  afterEach(() => vi.restoreAllMocks());

  function stage(first: RunView) {
    const runs = new RunStore();
    runs.media = { base_url: 'http://127.0.0.1:1/t' };
    runs.open = first;
    render(RunStage, { runs, actions, empty, focused: true, ontogglefocus: () => {}, onreuse: () => {} });
    return runs;
  }

  /** Each element gone from the page, its src removed and load() called on it afterwards. */
  function expectReleased(old: HTMLVideoElement[]) {
    for (const video of old) {
      expect(video.isConnected).toBe(false);
      expect(video.hasAttribute('src')).toBe(false);
      expect(load.mock.contexts).toContain(video);
    }
  }

  it('detaches every video of the grid: src removed + load(), the clock keeps only the new takes', () => {
    const runs = stage(runOf('r1', ['a', 'b', 'c', 'd']));
    const old = videos();
    expect(old.map((v) => v.getAttribute('src'))).toEqual(['a', 'b', 'c', 'd'].map((id) => `http://127.0.0.1:1/t/r1/${id}.mp4`));
    expect(load).not.toHaveBeenCalled();

    runs.open = runOf('r2', ['e', 'f', 'g', 'h']);
    flushSync();

    expectReleased(old);
    expect(videos().map((v) => v.dataset.clipVideo)).toEqual(['e', 'f', 'g', 'h']);
    expect(clockIds()).toEqual(['e', 'f', 'g', 'h']);
  });

  it('detaches the two layers of a compare mode the same way', async () => {
    const runs = stage(runOf('r1', ['a', 'b', 'c']));
    await fireEvent.keyDown(window, { key: 'a' }); // A/B: only takes A and B stay mounted
    const layers = videos();
    expect(screen.getByTestId('compare-frame')).toBeInTheDocument();
    expect(layers).toHaveLength(2);

    runs.open = runOf('r2', ['e', 'f']);
    flushSync();

    expectReleased(layers);
    expect(clockIds().sort()).toEqual(['e', 'f']);
  });

  it('detaches every video when the stage empties (the run went to the trash)', () => {
    const runs = stage(runOf('r1', ['a', 'b']));
    const old = videos();
    runs.open = null;
    flushSync();
    expectReleased(old);
    expect(clockIds()).toEqual([]);
    expect(screen.getByText('empty')).toBeInTheDocument();
  });
});

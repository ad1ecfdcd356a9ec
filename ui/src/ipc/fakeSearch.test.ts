import { describe, expect, it } from 'vitest';
import type { ClipView, RunView } from './bindings.gen';
import { searchClips, searchRunPage, tokens } from './fakeSearch';

function clip(runId: string, n: number, over: Partial<ClipView> = {}): ClipView {
  return {
    id: `${runId}_c${n}`, run_id: runId, model: 'kling-3.0-pro', model_name: 'Kling 3.0 Pro', route: 'fal', endpoint: 'e',
    status: 'succeeded', error: null, resolved: { prompt: '', duration_s: 5, aspect: '16:9', resolution: '1080p', audio: true }, parity: [],
    estimated_cost_usd: 1, cost_usd: 1, cost_kind: 'estimated', billed_cost_usd: null,
    latency_ms: { queued: null, generating: null, downloading: null, total: null }, provider_job_id: null, queue_position: null,
    progress: null, submitted_at_ms: null, started_at_ms: null, file: null, media_path: null, width: null, height: null,
    duration_s: null, has_audio: null, fps: null, frame_count: null, demo: false, remix_of: null, rating: null, take: 1,
    tags: [], note: null, poster_path: null, eta: null, ...over,
  };
}

function run(id: string, prompt: string, day: string, clips: (rid: string) => ClipView[]): RunView {
  return { run_id: id, prompt, params: { prompt }, created_at: `${day}T12:00:00Z`, estimated_cost_usd: 1, demo: false,
    parent_run_id: null, winner_clip_id: null, clips: clips(id) };
}

const library = [
  run('run_1', 'Café at golden-hour, steam rising', '2026-12-01', (r) => [clip(r, 1, { rating: 4, tags: ['keeper'] }), clip(r, 2, { model: 'veo-3.1', route: 'google', status: 'failed', cost_usd: null, cost_kind: null, estimated_cost_usd: 3 })]),
  run('run_2', 'A lighthouse in fog', '2026-12-03', (r) => [clip(r, 1, { note: 'the café sign is wrong' })]),
  run('run_3', 'Lighthouse keeper at dusk', '2026-12-05', (r) => [clip(r, 1, { cost_usd: 0.4 })]),
];
const ids = (q: Parameters<typeof searchRunPage>[1], extras = {}) => searchRunPage(library, q, extras).runs.map((r) => r.run_id);
const clipIds = (q: Parameters<typeof searchClips>[1], extras = {}) => searchClips(library, q, extras).clips.map((c) => c.clip.id);

describe('fake library search', () => {
  it('tokenizes like unicode61 without diacritics', () => {
    expect(tokens('Café at golden-hour!')).toEqual(['cafe', 'at', 'golden', 'hour']);
  });

  it('matches every word, accents and case ignored, the last as a prefix, punctuation not syntax', () => {
    expect(ids({ text: 'cafe' })).toEqual(['run_2', 'run_1']); // run_2 by its clip's note
    expect(ids({ text: 'LIGHTHO' })).toEqual(['run_3', 'run_2']);
    expect(ids({ text: 'lighthouse fo' })).toEqual(['run_2']);
    expect(ids({ text: 'golden-hour' })).toEqual(['run_1']);
    expect(ids({ text: 'hour-golden' })).toEqual([]);
    expect(ids({ text: 'keeper' })).toEqual(['run_3', 'run_1']); // run_1 by its clip's tag
    expect(ids({ text: '" - *' })).toEqual(['run_3', 'run_2', 'run_1']);
  });

  it('filters runs by a clip that passes every clip filter, and by date and cost', () => {
    expect(ids({ model: 'veo-3.1' })).toEqual(['run_1']);
    expect(ids({ model: 'kling-3.0-pro@google' })).toEqual([]);
    expect(ids({ route: 'google', status: 'succeeded' })).toEqual([]);
    expect(ids({ min_rating: 4 })).toEqual(['run_1']);
    expect(ids({ tag: 'KEEPER ' })).toEqual(['run_1']);
    expect(ids({ since: '2026-12-03', until: '2026-12-03' })).toEqual(['run_2']);
    expect(ids({ max_cost_usd: 1 })).toEqual(['run_3', 'run_2']); // run_1: 1 delivered + 3 estimated
    expect(ids({ board: 'picks' }, { boards: [{ id: 1, name: 'Picks', clipIds: new Set(['run_2_c1']) }] })).toEqual(['run_2']);
  });

  it('hides the trash from both searches', () => {
    expect(ids({}, { trashed: new Set(['run_3']) })).toEqual(['run_2', 'run_1']);
    expect(clipIds({}, { trashed: new Set(['run_1_c2', 'run_3']) })).toEqual(['run_2_c1', 'run_1_c1']);
    expect(searchRunPage(library, { text: 'golden' }, { trashed: new Set(['run_1_c2']) }).runs[0].clip_count).toBe(1);
  });

  it('searches clips by their prompt or their own words, with clip filters', () => {
    expect(clipIds({ text: 'cafe' })).toEqual(['run_2_c1', 'run_1_c2', 'run_1_c1']);
    expect(clipIds({ status: 'failed' })).toEqual(['run_1_c2']);
    expect(clipIds({ max_cost_usd: 0.5 })).toEqual(['run_3_c1']);
    const first = searchClips(library, { text: 'keeper' }).clips.find((c) => c.clip.id === 'run_3_c1')!;
    expect(first.prompt).toBe('Lighthouse keeper at dusk');
  });

  it('pages newest first behind a cursor, without repeats', () => {
    const seen: string[] = [];
    let cursor: string | null | undefined;
    do {
      const page = searchClips(library, { limit: 2, cursor });
      seen.push(...page.clips.map((c) => c.clip.id));
      cursor = page.next_cursor;
    } while (cursor);
    expect(seen).toEqual(['run_3_c1', 'run_2_c1', 'run_1_c2', 'run_1_c1']);
    const first = searchRunPage(library, { limit: 2 });
    expect(first.runs.map((r) => r.run_id)).toEqual(['run_3', 'run_2']);
    expect(searchRunPage(library, { limit: 2, cursor: first.next_cursor }).runs.map((r) => r.run_id)).toEqual(['run_1']);
    expect(searchRunPage(library, { limit: 2, cursor: first.next_cursor }).next_cursor).toBeNull();
  });

  it('refuses bad filters naming the field', () => {
    expect(() => searchRunPage(library, { route: 'nope' })).toThrow(/route/);
    expect(() => searchRunPage(library, { status: 'done' })).toThrow(/status/);
    expect(() => searchRunPage(library, { since: '12/01/2026' })).toThrow(/since/);
    expect(() => searchRunPage(library, { since: '2026-12-05', until: '2026-12-01' })).toThrow(/until/);
    expect(() => searchRunPage(library, { max_cost_usd: -1 })).toThrow(/max-cost/);
    expect(() => searchClips(library, { cursor: 'garbage' })).toThrow(/cursor/);
  });
});

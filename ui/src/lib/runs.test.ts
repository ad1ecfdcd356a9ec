import { describe, expect, it } from 'vitest';
import { makeClip, makeRun, makeSummary } from '../../test/fixtures';
import { clipMediaUrl, mergeClip, newerClip, summarizeRun, upsertSummary } from './runs';

describe('mergeClip', () => {
  it('replaces the clip with the incoming snapshot', () => {
    const run = makeRun();
    const merged = mergeClip(run, makeClip({ status: 'queued', queue_position: 3 }));
    expect(merged.clips[0].status).toBe('queued');
    expect(merged.clips[0].queue_position).toBe(3);
    expect(run.clips[0].status).toBe('pending'); // not mutated
  });
  it('ignores clips of other runs', () => {
    const run = makeRun();
    expect(mergeClip(run, makeClip({ run_id: 'other' }))).toBe(run);
  });
  it('appends a clip it did not know', () => {
    expect(mergeClip(makeRun(), makeClip({ id: 'clip_2' })).clips).toHaveLength(2);
  });
  it('never moves a clip backwards', () => {
    const done = makeClip({ status: 'succeeded' });
    expect(newerClip(done, makeClip({ status: 'generating' }))).toBe(done);
    const run = makeRun({ clips: [done] });
    expect(mergeClip(run, makeClip({ status: 'queued' })).clips[0].status).toBe('succeeded');
  });
});

describe('summaries', () => {
  it('counts outcomes and adds up cost', () => {
    const run = makeRun({
      clips: [
        makeClip({ id: 'a', status: 'succeeded', cost_usd: 0.84 }),
        makeClip({ id: 'b', status: 'failed' }),
        makeClip({ id: 'c', status: 'generating' }),
      ],
    });
    const s = summarizeRun(run);
    expect([s.succeeded, s.failed, s.running, s.clip_count]).toEqual([1, 1, 1, 3]);
    expect(s.cost_usd).toBeCloseTo(0.84);
  });
  it('puts new runs on top and updates existing ones in place', () => {
    const history = [makeSummary({ run_id: 'old1' }), makeSummary({ run_id: 'old2' })];
    expect(upsertSummary(history, makeSummary({ run_id: 'new' })).map((s) => s.run_id)).toEqual(['new', 'old1', 'old2']);
    const updated = upsertSummary(history, makeSummary({ run_id: 'old2', succeeded: 9 }));
    expect(updated.map((s) => s.run_id)).toEqual(['old1', 'old2']);
    expect(updated[1].succeeded).toBe(9);
  });
});

describe('clipMediaUrl', () => {
  it('joins the loopback base with an encoded media path', () => {
    const clip = makeClip({ media_path: 'runs/run 1/kling.mp4' });
    expect(clipMediaUrl({ base_url: 'http://127.0.0.1:4321/tok/' }, clip)).toBe('http://127.0.0.1:4321/tok/runs/run%201/kling.mp4');
  });
  it('is null without a file or a server', () => {
    expect(clipMediaUrl({ base_url: 'http://x' }, makeClip())).toBeNull();
    expect(clipMediaUrl(null, makeClip({ media_path: 'a.mp4' }))).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import type { ClipView } from './bindings.gen';
import { createFakeBackend } from './fake';

// The fake's curation and trash follow the core: normalised tags, fields named in refusals,
// one winner from the run's own clips, and a trash that hides items until restored.
const sample = () => createFakeBackend({ sample: true });
const RUN = 'run_sample_2';
const CLIP = 'run_sample_2_c1';

describe('fake curation', () => {
  it('tags clips trimmed and lower-cased, suggests the most used first, and names the field it refuses', async () => {
    const fake = sample();
    const heard: ClipView[] = [];
    await fake.onClipUpdate((clip) => heard.push(clip));
    expect((await fake.tagClip(CLIP, ['  Golden Hour ', 'golden hour', 'Wide'])).tags).toEqual(['golden hour', 'wide']);
    await fake.tagClip('run_sample_2_c2', ['wide']);
    expect(await fake.listTags()).toEqual(['wide', 'golden hour']);
    expect((await fake.untagClip(CLIP, ['WIDE'])).tags).toEqual(['golden hour']);
    expect(heard.map((c) => c.tags)).toEqual([['golden hour', 'wide'], ['wide'], ['golden hour']]);
    await expect(fake.tagClip(CLIP, ['   '])).rejects.toMatchObject({ code: 'invalid_input', field: 'tag' });
    await expect(fake.tagClip(CLIP, ['x'.repeat(65)])).rejects.toMatchObject({ field: 'tag' });
    await expect(fake.tagClip('nope', ['a'])).rejects.toMatchObject({ code: 'not_found', message: "clip 'nope' not found" });
  });

  it('keeps a trimmed note up to 500 characters and clears it when blank', async () => {
    const fake = sample();
    expect((await fake.setNote(CLIP, '  best motion ')).note).toBe('best motion');
    expect((await fake.setNote(CLIP, '   ')).note).toBeNull();
    await expect(fake.setNote(CLIP, 'n'.repeat(501))).rejects.toMatchObject({ field: 'note' });
  });

  it("names one winner per run from the run's own clips", async () => {
    const fake = sample();
    expect((await fake.setWinner(RUN, CLIP)).winner_clip_id).toBe(CLIP);
    expect((await fake.setWinner(RUN, 'run_sample_2_c2')).winner_clip_id).toBe('run_sample_2_c2');
    await expect(fake.setWinner(RUN, 'run_sample_1_c1')).rejects.toMatchObject({ field: 'clip' });
    expect((await fake.setWinner(RUN, null)).winner_clip_id).toBeNull();
    expect((await fake.getRun(RUN)).winner_clip_id).toBeNull();
  });

  it('keeps boards unique regardless of case and counts only live clips', async () => {
    const fake = sample();
    const picks = await fake.createBoard('  Client picks ');
    expect(picks).toMatchObject({ name: 'Client picks', clip_count: 0 });
    await expect(fake.createBoard('CLIENT PICKS')).rejects.toMatchObject({ field: 'name' });
    await expect(fake.createBoard(' ')).rejects.toMatchObject({ field: 'name' });
    expect((await fake.addToBoard(picks.id, [CLIP, 'run_sample_1_c1'])).clip_count).toBe(2);
    expect(await fake.boardsOfClip(CLIP)).toEqual([{ ...picks, clip_count: 2 }]);
    await fake.trashItems([CLIP]);
    expect((await fake.listBoards())[0].clip_count).toBe(1);
    expect((await fake.removeFromBoard(picks.id, ['run_sample_1_c1'])).clip_count).toBe(0);
    await expect(fake.addToBoard(picks.id, [])).rejects.toMatchObject({ field: 'clip' });
  });
});

describe('fake trash', () => {
  it('hides a trashed run from every list until it is restored', async () => {
    const fake = sample();
    const [moved] = await fake.trashItems([RUN]);
    expect(moved).toMatchObject({ kind: 'run', id: RUN, clip_count: 4 });
    expect((await fake.listRuns()).map((r) => r.run_id)).toEqual(['run_sample_1']);
    expect(await fake.searchRuns({ text: 'lighthouse' })).toEqual([]);
    await expect(fake.getRun(RUN)).rejects.toMatchObject({ code: 'not_found' });
    await expect(fake.tagClip(CLIP, ['a'])).rejects.toMatchObject({ code: 'not_found' });
    expect(await fake.listTrash()).toEqual([moved]);

    await fake.restoreItem(RUN);
    expect((await fake.listRuns()).map((r) => r.run_id)).toEqual(['run_sample_2', 'run_sample_1']);
    expect((await fake.getRun(RUN)).clips).toHaveLength(4);
    expect(await fake.listTrash()).toEqual([]);
  });

  it('takes a trashed clip out of its run (and its winner), and restores it only with its run live', async () => {
    const fake = sample();
    await fake.setWinner(RUN, CLIP);
    await fake.trashItems([CLIP]);
    const run = await fake.getRun(RUN);
    expect(run.clips.map((c) => c.id)).not.toContain(CLIP);
    expect(run.winner_clip_id).toBeNull();

    await fake.trashItems([RUN]);
    await expect(fake.restoreItem(CLIP)).rejects.toMatchObject({ field: 'id' });
    await fake.restoreItem(RUN);
    await fake.restoreItem(CLIP);
    expect((await fake.getRun(RUN)).clips.map((c) => c.id)).toContain(CLIP);
  });

  it('moves nothing when one id is unknown, and empties everything for good', async () => {
    const fake = sample();
    await expect(fake.trashItems([RUN, 'nope'])).rejects.toMatchObject({ code: 'not_found' });
    await expect(fake.trashItems([])).rejects.toMatchObject({ field: 'id' });
    expect(await fake.listRuns()).toHaveLength(2);

    await fake.trashItems([RUN, 'run_sample_1_c1']);
    expect(await fake.emptyTrash()).toEqual({ runs: 1, clips: 5, files: 4 });
    expect(await fake.listTrash()).toEqual([]);
    await expect(fake.restoreItem(RUN)).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('fake exports', () => {
  it('writes documents and videos to the exports folder and reports video progress', async () => {
    const fake = createFakeBackend({ sample: true, pace: 0.01 });
    expect((await fake.exportRun(RUN, 'html', null)).path).toMatch(/\/exports\/dailies-run_sample_2\.html$/);
    const seen: number[] = [];
    const video = await fake.exportVideo(RUN, 'grid', null, null, (p) => seen.push(p.fraction));
    expect(seen).toEqual([0.25, 0.5, 0.75, 1]);
    expect(video).toMatchObject({ audio_clip_id: null, clip_ids: ['run_sample_2_c1', 'run_sample_2_c2', 'run_sample_2_c3'] });
    expect(video.path).toMatch(/\/exports\/dailies-run_sample_2\.mp4$/);
    await expect(fake.exportVideo(RUN, 'row', 'zzz', null, () => {})).rejects.toMatchObject({ field: 'audio' });
  });
});

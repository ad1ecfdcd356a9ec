import { describe, expect, it } from 'vitest';
import type { TrashItem } from '../../ipc/bindings.gen';
import { describeItem, emptyTrashWarning, trashContents } from './trash';

const item = (kind: TrashItem['kind'], clip_count: number): TrashItem => ({
  kind, id: `${kind}-${clip_count}`, run_id: 'r', prompt: 'p', models: ['kling-3.0-pro@fal'], clip_count, deleted_at_ms: 1,
});

describe('trash words', () => {
  it('counts runs with their clips and loose clips separately', () => {
    expect(trashContents([item('run', 3), item('run', 1), item('clip', 1)])).toBe('2 runs (4 clips) and 1 clip');
    expect(trashContents([item('clip', 1), item('clip', 1)])).toBe('2 clips');
    expect(trashContents([item('run', 1)])).toBe('1 run (1 clip)');
    expect(trashContents([])).toBe('nothing');
  });

  it('warns that emptying is for good and names what goes', () => {
    expect(emptyTrashWarning([item('run', 2)])).toBe(
      'Delete 1 run (2 clips) for good? Their video files and posters are removed from disk; this cannot be undone.',
    );
    expect(describeItem(item('run', 2))).toBe('Run · 2 clips');
    expect(describeItem(item('clip', 1))).toBe('Clip · kling-3.0-pro@fal');
  });
});

// Words for the trash: what an entry is, and what emptying it will delete for good.
import type { TrashItem } from '../../ipc/bindings.gen';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "2 runs (5 clips) and 1 clip": everything emptying the trash deletes. */
export function trashContents(items: TrashItem[]): string {
  const runs = items.filter((i) => i.kind === 'run');
  const clips = items.filter((i) => i.kind === 'clip').length;
  const runClips = runs.reduce((n, r) => n + r.clip_count, 0);
  const parts = [
    runs.length ? `${plural(runs.length, 'run')} (${plural(runClips, 'clip')})` : null,
    clips ? plural(clips, 'clip') : null,
  ].filter(Boolean);
  return parts.join(' and ') || 'nothing';
}

/** The confirmation sentence: says exactly what goes and that it cannot come back. */
export function emptyTrashWarning(items: TrashItem[]): string {
  return `Delete ${trashContents(items)} for good? Their video files and posters are removed from disk; this cannot be undone.`;
}

/** "Run · 3 clips" / "Clip · kling-3.0-pro@fal". */
export function describeItem(item: TrashItem): string {
  return item.kind === 'run' ? `Run · ${plural(item.clip_count, 'clip')}` : `Clip · ${item.models.join(', ')}`;
}

// The fake backend's curation, trash and exports, following dailies-core (engine/curate.rs,
// engine/trash.rs, export/): tags trimmed and lower-cased (1–64 characters), a note of at most
// 500, a winner from the run's own clips, boards unique regardless of case, and a trash whose
// items leave every list (they are taken out of `runs`) until restored or emptied for good.
import type { Backend } from './backend';
import type { Board, ClipView, ExportFormat, ExportProgress, RunView, TrashItem, VideoLayout } from './bindings.gen';
import { fail, invalid } from './fakeErrors';

const MAX_TAG_CHARS = 64;
const MAX_NOTE_CHARS = 500;
const MAX_BOARD_NAME_CHARS = 80;

type CurateMethods = Pick<
  Backend,
  | 'tagClip' | 'untagClip' | 'listTags' | 'setNote' | 'setWinner' | 'listBoards' | 'boardsOfClip' | 'createBoard'
  | 'renameBoard' | 'deleteBoard'
  | 'addToBoard' | 'removeFromBoard' | 'trashItems' | 'restoreItem' | 'listTrash' | 'emptyTrash' | 'exportRun'
  | 'exportVideo'
>;

/** A trashed run (out of `runs`, with the clips that went with it) or a clip (out of its run). */
interface Trashed {
  item: TrashItem;
  run?: RunView;
  clip?: ClipView;
}

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
const chars = (s: string) => [...s].length;

/** Trimmed, lower-cased, deduplicated; the core's `normalise_tags`. */
export function normaliseTags(tags: string[]): string[] {
  if (tags.length === 0) throw invalid('tag: give at least one tag');
  const out: string[] = [];
  for (const raw of tags) {
    const tag = raw.trim().toLowerCase();
    if (chars(tag) === 0) throw invalid(`tag: must not be empty; a tag is 1–${MAX_TAG_CHARS} characters`);
    if (chars(tag) > MAX_TAG_CHARS) throw invalid(`tag: '${tag}' is ${chars(tag)} characters; a tag is 1–${MAX_TAG_CHARS} characters`);
    if (!out.includes(tag)) out.push(tag);
  }
  return out;
}

/**
 * `runs` is the fake's live list (mutated in place); `emit` broadcasts a clip as `clip-update`
 * does; `dataDir` names where exports land.
 */
export function createFakeCurate(runs: RunView[], emit: (clip: ClipView) => void, dataDir: string, pace = 1): CurateMethods {
  const boards = new Map<number, { board: Omit<Board, 'clip_count'>; clips: Set<string> }>();
  const trash: Trashed[] = [];
  let nextBoard = 1;

  const liveClips = () => runs.flatMap((r) => r.clips);
  /** Full id, unique prefix or unique ending, as the core resolves ids. */
  function resolve<T>(items: T[], id: (item: T) => string, wanted: string, what: string): T {
    const part = wanted.trim();
    const exact = items.find((i) => id(i) === part);
    if (exact) return exact;
    const matches = part ? items.filter((i) => id(i).startsWith(part) || id(i).endsWith(part)) : [];
    if (matches.length !== 1) throw fail('not_found', `${what} '${wanted}' not found`);
    return matches[0];
  }
  const findClip = (id: string) => resolve(liveClips(), (c) => c.id, id, 'clip');
  const findRun = (id: string) => resolve(runs, (r) => r.run_id, id, 'run');
  const boardView = (id: number): Board => {
    const entry = boards.get(id);
    if (!entry) throw fail('not_found', `board '${id}' not found`);
    const live = new Set(liveClips().map((c) => c.id));
    return { ...entry.board, clip_count: [...entry.clips].filter((c) => live.has(c)).length };
  };
  // As the store orders them: by name, case ignored.
  const boardsByName = (ids: number[]) =>
    ids.map(boardView).sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }));
  const boardName = (name: string) => {
    const trimmed = name.trim();
    if (chars(trimmed) < 1 || chars(trimmed) > MAX_BOARD_NAME_CHARS) {
      throw invalid(`name: a board name is 1–${MAX_BOARD_NAME_CHARS} characters; got ${chars(trimmed)}`);
    }
    return trimmed;
  };
  const clipIds = (ids: string[]) => {
    if (ids.length === 0) throw invalid('clip: give at least one clip id');
    return ids.map((id) => findClip(id).id);
  };
  const changed = (clip: ClipView) => {
    emit(clone(clip));
    return clone(clip);
  };
  const modelsOf = (clips: ClipView[]) => clips.map((c) => `${c.model}@${c.route}`);

  function trashRun(run: RunView, now: number): TrashItem {
    runs.splice(runs.indexOf(run), 1);
    const item: TrashItem = { kind: 'run', id: run.run_id, run_id: run.run_id, prompt: run.prompt, models: modelsOf(run.clips), clip_count: run.clips.length, deleted_at_ms: now };
    trash.push({ item, run });
    return item;
  }

  function trashClip(run: RunView, clip: ClipView, now: number): TrashItem {
    run.clips.splice(run.clips.indexOf(clip), 1);
    if (run.winner_clip_id === clip.id) run.winner_clip_id = null;
    const item: TrashItem = { kind: 'clip', id: clip.id, run_id: run.run_id, prompt: run.prompt, models: modelsOf([clip]), clip_count: 1, deleted_at_ms: now };
    trash.push({ item, clip });
    return item;
  }

  const exportsPath = (runId: string, extension: string) => `${dataDir.replace(/\/+$/, '')}/exports/dailies-${runId}.${extension}`;

  return {
    async tagClip(clipId, tags) {
      const clean = normaliseTags(tags);
      const clip = findClip(clipId);
      clip.tags = [...new Set([...clip.tags, ...clean])].sort();
      return changed(clip);
    },
    async untagClip(clipId, tags) {
      const clean = normaliseTags(tags);
      const clip = findClip(clipId);
      clip.tags = clip.tags.filter((t) => !clean.includes(t));
      return changed(clip);
    },
    async listTags() {
      const counts = new Map<string, number>();
      for (const tag of liveClips().flatMap((c) => c.tags)) counts.set(tag, (counts.get(tag) ?? 0) + 1);
      return [...counts.entries()].sort(([a, n], [b, m]) => m - n || a.localeCompare(b)).map(([tag]) => tag);
    },
    async setNote(clipId, note) {
      const text = note?.trim() || null;
      if (text && chars(text) > MAX_NOTE_CHARS) throw invalid(`note: is ${chars(text)} characters; a note is at most ${MAX_NOTE_CHARS}`);
      const clip = findClip(clipId);
      clip.note = text;
      return changed(clip);
    },
    async setWinner(runId, clipId) {
      const run = findRun(runId);
      if (clipId != null) {
        const clip = findClip(clipId);
        if (clip.run_id !== run.run_id) {
          throw invalid(`clip: clip ${clip.id} belongs to run ${clip.run_id}, not to run ${run.run_id}; a winner is one of the run's own clips`);
        }
        run.winner_clip_id = clip.id;
      } else {
        run.winner_clip_id = null;
      }
      return clone(run);
    },
    async listBoards() {
      return boardsByName([...boards.keys()]);
    },
    async boardsOfClip(clipId) {
      const id = findClip(clipId).id;
      return boardsByName([...boards.entries()].filter(([, b]) => b.clips.has(id)).map(([boardId]) => boardId));
    },
    async createBoard(name) {
      const clean = boardName(name);
      if ([...boards.values()].some((b) => b.board.name.toLowerCase() === clean.toLowerCase())) {
        throw invalid(`name: a board named '${clean}' already exists; pick another name`);
      }
      const id = nextBoard++;
      boards.set(id, { board: { id, name: clean, created_at_ms: Date.now() }, clips: new Set() });
      return boardView(id);
    },
    async renameBoard(boardId, name) {
      const clean = boardName(name);
      const entry = boards.get(boardId);
      if (!entry) throw fail('not_found', `board '${boardId}' not found`);
      if ([...boards.entries()].some(([id, b]) => id !== boardId && b.board.name.toLowerCase() === clean.toLowerCase())) {
        throw invalid(`name: a board named '${clean}' already exists; pick another name`);
      }
      entry.board = { ...entry.board, name: clean };
      return boardView(boardId);
    },
    async deleteBoard(boardId) {
      if (!boards.delete(boardId)) throw fail('not_found', `board '${boardId}' not found`);
    },
    async addToBoard(boardId, ids) {
      const resolved = clipIds(ids);
      boardView(boardId);
      for (const id of resolved) boards.get(boardId)!.clips.add(id);
      return boardView(boardId);
    },
    async removeFromBoard(boardId, ids) {
      const resolved = clipIds(ids);
      boardView(boardId);
      for (const id of resolved) boards.get(boardId)!.clips.delete(id);
      return boardView(boardId);
    },
    async trashItems(ids) {
      if (ids.length === 0) throw invalid('id: give at least one run or clip id');
      // Resolve every id first, so one unknown id moves nothing.
      const targets = ids.map((id) => {
        const run = runs.find((r) => r.run_id === id.trim());
        if (run) return { run, clip: null };
        const clip = findItemClip(id);
        return { run: runs.find((r) => r.run_id === clip.run_id)!, clip };
      });
      const now = Date.now();
      const wholeRuns = new Set(targets.filter((t) => !t.clip).map((t) => t.run));
      const moved: TrashItem[] = [];
      for (const { run, clip } of targets) {
        if (!clip && runs.includes(run)) moved.push(trashRun(run, now));
        else if (clip && !wholeRuns.has(run) && run.clips.includes(clip)) moved.push(trashClip(run, clip, now));
      }
      return clone(moved);
    },
    async restoreItem(id) {
      const entry = resolve(trash, (t) => t.item.id, id, 'run or clip');
      if (entry.clip) {
        const run = runs.find((r) => r.run_id === entry.item.run_id);
        if (!run) throw invalid(`id: clip ${entry.item.id} is in the trash with its run; restore the run ${entry.item.run_id}`);
        run.clips.push(entry.clip);
      } else if (entry.run) {
        runs.push(entry.run);
        runs.sort((a, b) => b.created_at.localeCompare(a.created_at));
      }
      trash.splice(trash.indexOf(entry), 1);
      return clone(entry.item);
    },
    async listTrash() {
      return clone(trash.map((t) => t.item).sort((a, b) => b.deleted_at_ms - a.deleted_at_ms || a.id.localeCompare(b.id)));
    },
    async emptyTrash() {
      const runsGone = trash.filter((t) => t.run).length;
      const clips = trash.reduce((n, t) => n + t.item.clip_count, 0);
      const files = trash.flatMap((t) => (t.run ? t.run.clips : [t.clip!])).filter((c) => c.file).length;
      trash.length = 0;
      return { runs: runsGone, clips, files };
    },
    async exportRun(runId, format: ExportFormat, path) {
      const run = findRun(runId);
      const written = path ?? exportsPath(run.run_id, format);
      return { file_name: `dailies-${run.run_id}.${format}`, path: written, text: null };
    },
    async exportVideo(runId, layout: VideoLayout, audioClip, path, onProgress: (progress: ExportProgress) => void) {
      const run = findRun(runId);
      const clips = run.clips.filter((c) => c.status === 'succeeded' && c.width != null);
      if (clips.length === 0) throw invalid(`run: '${runId}' is not valid; allowed values: a run with at least one delivered clip`);
      const audio = audioClip == null ? null : clips.find((c) => c.has_audio && (c.id === audioClip || c.id.endsWith(audioClip)));
      if (audioClip != null && !audio) {
        throw invalid(`audio: '${audioClip}' is not valid; allowed values: ${[...clips.filter((c) => c.has_audio).map((c) => c.id.slice(-8)), 'none'].join(', ')}`);
      }
      // ffmpeg's progress, in a few steps.
      for (const fraction of [0.25, 0.5, 0.75, 1]) {
        await new Promise((resolve) => setTimeout(resolve, 100 * pace));
        onProgress({ run_id: run.run_id, fraction });
      }
      const width = layout === 'row' ? 854 * clips.length : 854 * Math.ceil(Math.sqrt(clips.length));
      return {
        path: path ?? exportsPath(run.run_id, 'mp4'), width, height: 480, labelled: true,
        duration_s: Math.max(...clips.map((c) => c.duration_s ?? 0)), clip_ids: clips.map((c) => c.id), audio_clip_id: audio?.id ?? null,
      };
    },
  };

  function findItemClip(id: string): ClipView {
    try {
      return findClip(id);
    } catch {
      throw fail('not_found', `run or clip '${id}' not found`);
    }
  }
}

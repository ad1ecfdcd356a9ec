// The fake's markers (notes pinned to a moment of a clip), with the core's rules: 1–500
// characters, a moment inside the clip when its length is known (a frame of slack), notes
// of trashed clips hidden, listed by clip then time.

import type { Backend } from './backend';
import type { RunView, TimeNote } from './bindings.gen';
import { fail, invalid } from './fakeErrors';

const MAX_NOTE_CHARS = 500;
/** The core's END_SLACK_MS: a player's time can sit a frame past the declared end. */
const END_SLACK_MS = 100;

type MarkerMethods = Pick<Backend, 'listTimeNotes' | 'addTimeNote' | 'deleteTimeNote'>;

/** `runs` is the fake's live list: a clip trashed out of it hides its notes. */
export function createFakeMarkers(runs: RunView[]): MarkerMethods {
  const notes: TimeNote[] = [];
  let nextId = 1;
  const seconds = (ms: number) => (ms / 1000).toFixed(3);

  return {
    async listTimeNotes(runId) {
      const run = runs.find((r) => r.run_id === runId.trim());
      if (!run) throw fail('not_found', `run '${runId}' not found`);
      return run.clips.flatMap((clip) =>
        notes.filter((n) => n.clip_id === clip.id).sort((a, b) => a.at_ms - b.at_ms || a.id - b.id).map((n) => ({ ...n })),
      );
    },
    async addTimeNote(clipId, atMs, text) {
      const clean = text.trim();
      const chars = [...clean].length;
      if (chars < 1 || chars > MAX_NOTE_CHARS) throw invalid(`text: a note is 1–${MAX_NOTE_CHARS} characters; got ${chars}`);
      const clip = runs.flatMap((r) => r.clips).find((c) => c.id === clipId.trim());
      if (!clip) throw fail('not_found', `clip '${clipId}' not found`);
      if (atMs < 0) throw invalid(`at: a moment is 0 s or later; got ${seconds(atMs)} s`);
      const length = clip.duration_s != null ? Math.round(clip.duration_s * 1000) : null;
      if (length != null && atMs > length + END_SLACK_MS) {
        throw invalid(`at: ${seconds(atMs)} s is past the clip's end; it is ${seconds(length)} s long`);
      }
      const note: TimeNote = { id: nextId++, clip_id: clip.id, at_ms: Math.round(atMs), text: clean, created_at_ms: Date.now() };
      notes.push(note);
      return { ...note };
    },
    async deleteTimeNote(noteId) {
      const at = notes.findIndex((n) => n.id === noteId);
      if (at < 0) throw fail('not_found', `time note '${noteId}' not found`);
      notes.splice(at, 1);
    },
  };
}

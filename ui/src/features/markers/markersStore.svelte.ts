// A run's markers (notes pinned to a moment of a clip), shared by the stage's timeline and
// its tiles. Loaded when a run comes on stage; answers that arrive for a run no longer on
// stage are dropped, so a slow list never shows another run's notes.

import * as backend from '../../ipc/backend';
import type { TimeNote } from '../../ipc/bindings.gen';
import type { IpcError } from '../../ipc/errors';

export const MARKERS_CONTEXT = Symbol('markers');

export class MarkersStore {
  notes = $state<TimeNote[]>([]);
  error = $state<IpcError | null>(null);
  /** The clip whose "note at this moment" field is open (the M key opens the heard take's). */
  composing = $state<string | null>(null);
  private runId: string | null = null;

  async load(runId: string | null): Promise<void> {
    this.runId = runId;
    this.notes = [];
    this.composing = null;
    this.error = null;
    if (!runId) return;
    try {
      const notes = await backend.listTimeNotes(runId);
      if (this.runId === runId) this.notes = notes;
    } catch (e) {
      if (this.runId === runId) this.error = e as IpcError;
    }
  }

  of(clipId: string): TimeNote[] {
    return this.notes.filter((n) => n.clip_id === clipId);
  }

  /** Pins `text` at `atSeconds`; null on success, else the refusal (its field says which). */
  async add(clipId: string, atSeconds: number, text: string): Promise<IpcError | null> {
    try {
      const note = await backend.addTimeNote(clipId, Math.max(0, Math.round(atSeconds * 1000)), text);
      this.notes = [...this.notes, note].sort((a, b) => (a.clip_id === b.clip_id ? a.at_ms - b.at_ms : 0));
      return null;
    } catch (e) {
      return e as IpcError;
    }
  }

  async remove(id: number): Promise<void> {
    try {
      await backend.deleteTimeNote(id);
      this.notes = this.notes.filter((n) => n.id !== id);
    } catch (e) {
      this.error = e as IpcError;
    }
  }
}

/** `m:ss.s`, the transport's clock. */
export function momentLabel(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  const seconds = (ms % 60_000) / 1000;
  return `${minutes}:${seconds.toFixed(1).padStart(4, '0')}`;
}

// The library's folder and moving it (`dailies library move` in the CLI): the core copies,
// verifies, switches the pointer file and removes the old folder; the app then restarts to
// open the library at its new place.
import * as backend from '../../ipc/backend';
import type { LibraryLocation, MoveProgress, MoveReport, MoveStage } from '../../ipc/bindings.gen';
import type { IpcError } from '../../ipc/errors';

const STAGE_TEXT: Record<MoveStage, string> = {
  copying_database: 'Copying the database…',
  copying_files: 'Copying clips and posters…',
  verifying: 'Checking the copy (rows, files, sizes)…',
  switching: 'Switching to the new folder…',
  removing_old: 'Removing the old folder…',
  done: 'Moved.',
};

export function stageText(progress: MoveProgress): string {
  const text = STAGE_TEXT[progress.stage];
  if (progress.stage !== 'copying_files' || progress.total_bytes === 0) return text;
  const mb = (n: number) => (n / (1 << 20)).toFixed(n < 10 << 20 ? 1 : 0);
  return `${text} ${mb(progress.done_bytes)} / ${mb(progress.total_bytes)} MB`;
}

export class LibraryMoveStore {
  location = $state<LibraryLocation | null>(null);
  progress = $state<MoveProgress | null>(null);
  report = $state<MoveReport | null>(null);
  error = $state<string | null>(null);
  moving = $state(false);

  /** Share of the copy done, 0–1 (the database and the checks count as the ends). */
  get fraction(): number {
    const p = this.progress;
    if (!p) return 0;
    if (p.stage === 'copying_database') return 0;
    if (p.stage === 'copying_files') return p.total_bytes > 0 ? p.done_bytes / p.total_bytes : 0;
    return 1;
  }

  async load(): Promise<void> {
    try {
      this.location = await backend.libraryLocation();
    } catch (e) {
      this.error = (e as IpcError).message;
    }
  }

  /** Moves the library; on success the app restarts (the old database is still open). */
  async move(dir: string): Promise<boolean> {
    this.moving = true;
    this.error = null;
    this.report = null;
    this.progress = null;
    try {
      this.report = await backend.moveLibrary(dir, (p) => (this.progress = p));
      await backend.restartApp();
      return true;
    } catch (e) {
      this.error = (e as IpcError).message;
      return false;
    } finally {
      this.moving = false;
    }
  }
}

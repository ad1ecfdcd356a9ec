// The fake backend's library location and move: the core's refusals (`library.path`, the
// same words) and its stages, on an in-memory folder list. The real move copies, verifies,
// switches the pointer file and removes the old folder (crates/dailies-core/src/relocate).
import type { IpcError, LibraryLocation, MoveProgress, MoveReport } from './bindings.gen';

const ALLOWED = 'an empty or new folder outside the current library';

function refused(value: string, allowed = ALLOWED): IpcError {
  const message = `library.path: '${value}' is not valid; allowed values: ${allowed}`;
  return { code: 'invalid_input', message, field: 'library.path' };
}

const inside = (path: string, dir: string) => path === dir || path.startsWith(`${dir.replace(/\/+$/, '')}/`);

/** `busy()` says whether clips are still running (a move waits for them to end). */
export function fakeLibraryLocation(dataDir: string, busy: () => number = () => 0) {
  const location: LibraryLocation = { path: dataDir, source: 'default', pointer_file: '~/.config/dailies/library.json' };
  /** Folders the fake treats as holding files already. */
  const nonEmpty = new Set<string>(['/home', '/tmp/full']);
  return {
    nonEmpty,
    async libraryLocation(): Promise<LibraryLocation> {
      return { ...location };
    },
    async moveLibrary(raw: string, onProgress: (progress: MoveProgress) => void): Promise<MoveReport> {
      const dir = raw.trim().replace(/\/+$/, '');
      if (!dir.startsWith('/')) throw refused(raw.trim(), 'an absolute folder path (starting with /)');
      if (inside(dir, location.path) || inside(location.path, dir)) {
        throw refused(`${dir} overlaps the library in ${location.path}`);
      }
      if (nonEmpty.has(dir)) throw refused(`${dir} is not empty`);
      const running = busy();
      if (running > 0) throw refused(`${running} clip(s) still running`, 'a library with every clip ended');
      const total = 48 << 20;
      onProgress({ stage: 'copying_database', done_bytes: 0, total_bytes: 0 });
      for (const done of [0, total / 2, total]) onProgress({ stage: 'copying_files', done_bytes: done, total_bytes: total });
      for (const stage of ['verifying', 'switching', 'removing_old', 'done'] as const) {
        onProgress({ stage, done_bytes: total, total_bytes: total });
      }
      const from = location.path;
      Object.assign(location, { path: dir, source: 'moved' });
      return { from, to: dir, files: 12, bytes: total, rows: 340, old_removed: true };
    },
    async restartApp(): Promise<null> {
      return null;
    },
  };
}

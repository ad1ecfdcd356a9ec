// How the curation controls on a run's tiles and header tell the open run what changed: a
// new winner, a clip or the run gone to the trash. Given by the run stage; controls rendered
// without it (the library's details panel, tests) still work, they just report to no one.
import type { RunView, TrashItem } from '../../ipc/bindings.gen';

export const CURATE_CONTEXT = Symbol('curate');

export interface RunCuration {
  /** The run the controls sit in (its winner), or null when none is open. */
  readonly run: RunView | null;
  /** `set_winner` answered with the run. */
  winnerChanged(run: RunView): void;
  /** Runs or clips just moved to the trash. */
  trashed(items: TrashItem[]): void;
}

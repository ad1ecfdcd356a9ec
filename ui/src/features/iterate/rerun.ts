// What a re-run asks for, as the run header and the tiles choose it (the run id is added by the stage).
import type { ClipView, RerunRequest } from '../../ipc/bindings.gen';

export type RerunChoice = Omit<RerunRequest, 'run_id'>;

/** A tile's re-run: its own model and route, every take of it in the run. */
export const rerunOfClip = (clip: ClipView): RerunRequest => ({
  run_id: clip.run_id,
  failed_only: false,
  models: [`${clip.model}@${clip.route}`],
});

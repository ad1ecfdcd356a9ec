// What a tile can do to its clip beyond showing it: cancel while it runs, remix once it is
// done. Given by the stage as context, so tiles rendered alone (tests) simply offer neither.
import type { ClipView, ExtendInfo } from '../../ipc/bindings.gen';

export const CLIP_ACTIONS = Symbol('clip-actions');

export interface ClipActions {
  /** The clip's route can stop a job it has accepted (RouteInfo.cancel). */
  canCancel(clip: ClipView): boolean;
  /** The clip's route can remix a finished clip (RouteInfo.remix). */
  canRemix(clip: ClipView): boolean;
  /** Resolves to the sentence to show: what the cancel did, or why it could not. */
  cancel(clip: ClipView): Promise<string>;
  remix(clip: ClipView): void;
  /** 1–5 stars, or null to clear; resolves to an error to show, or null. */
  rate(clip: ClipView, stars: number | null): Promise<string | null>;
  /** Puts this clip's prompt and values (as it ran) into the composer. */
  recall?(clip: ClipView): void;
  /** Runs this clip's model of the run again, as the run's next version. */
  rerun?(clip: ClipView): void;
  /** The extend endpoint of the clip's route (RouteInfo.extend), or null when it has none. */
  extendOf?(clip: ClipView): ExtendInfo | null;
  /** Every `model@route` that can extend, for the tooltip of a clip that cannot. */
  extendable?(): string[];
  /** Opens the extend form for a finished clip. */
  extend?(clip: ClipView): void;
  /** How many takes of this clip's model its run has (a tile says "take k" when more than one). */
  takesOf?(clip: ClipView): number;
}

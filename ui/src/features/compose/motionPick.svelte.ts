// Motion control's reference video: imported into the library on pick (so the plan can check
// its length against each route), with the orientation the character keeps.
import * as backend from '../../ipc/backend';
import type { ImportedVideo, MotionInput, MotionOrientation } from '../../ipc/bindings.gen';
import type { IpcError } from '../../ipc/errors';

export interface PickedVideo extends ImportedVideo {
  /** The name the creator picked, for the label (the library copy is renamed). */
  name: string;
}

export class MotionPick {
  video = $state<PickedVideo | null>(null);
  /** fal's example value and the longer limit: the character follows the video. */
  orientation = $state<MotionOrientation>('video');
  importing = $state(false);
  error = $state<string | null>(null);

  /** What the request sends, or nothing without a video. */
  input = $derived<MotionInput | null>(this.video ? { video: this.video.path, orientation: this.orientation } : null);

  async pick(file: File): Promise<void> {
    this.importing = true;
    this.error = null;
    try {
      const imported = await backend.importVideo(file.name, new Uint8Array(await file.arrayBuffer()));
      this.video = { ...imported, name: file.name };
    } catch (e) {
      this.error = (e as IpcError).message;
    } finally {
      this.importing = false;
    }
  }

  clear(): void {
    this.error = null;
    this.video = null;
  }

  /** A past run's reference, known only by its library path (its length comes from the plan). */
  restore(motion: MotionInput | null | undefined): void {
    this.error = null;
    this.orientation = motion?.orientation ?? 'video';
    this.video = motion ? { path: motion.video, name: motion.video.split(/[\\/]/).pop() ?? '', width: 0, height: 0, duration_s: 0 } : null;
  }
}

// The start and end images for image-to-video: imported into the library on pick (so the
// plan can check them against each route), previewed from the picked file itself.
import * as backend from '../../ipc/backend';
import type { ImportedImage } from '../../ipc/bindings.gen';
import type { IpcError } from '../../ipc/errors';

export type ImageSlotName = 'start' | 'end';

export interface PickedImage extends ImportedImage {
  /** The name the creator picked, for the label (the library copy is renamed). */
  name: string;
  /** Object URL of the picked file; null for an image reused from a past run. */
  previewUrl: string | null;
}

export class ImagePicks {
  start = $state<PickedImage | null>(null);
  end = $state<PickedImage | null>(null);
  importing = $state<ImageSlotName | null>(null);
  errors = $state<Record<ImageSlotName, string | null>>({ start: null, end: null });
  /** The creator accepted centre-cropping these images to a route's aspect. */
  crop = $state(false);

  async pick(slot: ImageSlotName, file: File): Promise<void> {
    this.importing = slot;
    this.errors[slot] = null;
    try {
      const imported = await backend.importImage(file.name, new Uint8Array(await file.arrayBuffer()));
      this.replace(slot, { ...imported, name: file.name, previewUrl: URL.createObjectURL(file) });
    } catch (e) {
      this.errors[slot] = (e as IpcError).message;
    } finally {
      this.importing = null;
    }
  }

  clear(slot: ImageSlotName): void {
    this.errors[slot] = null;
    this.replace(slot, null);
  }

  /** A past run's image, known only by its library path. */
  restore(slot: ImageSlotName, path: string | undefined): void {
    const name = path?.split(/[\\/]/).pop() ?? '';
    this.replace(slot, path ? { path, name, format: '', width: 0, height: 0, previewUrl: null } : null);
  }

  private replace(slot: ImageSlotName, next: PickedImage | null): void {
    const previous = this[slot]?.previewUrl;
    if (previous) URL.revokeObjectURL(previous);
    this[slot] = next;
    // Consent to crop was given for the images that were there; a new one must be asked again.
    this.crop = false;
  }
}

// "What each model receives": preview_run for the composer's request, debounced like the plan.
import * as backend from '../../ipc/backend';
import type { CompareRequest, WirePreview } from '../../ipc/bindings.gen';

export const PREVIEW_DEBOUNCE_MS = 250;

export class PreviewStore {
  previews = $state<WirePreview[]>([]);
  private timer: ReturnType<typeof setTimeout> | undefined;
  private sequence = 0;

  /** Asks again after a pause; an unplannable request (no prompt yet, a bad value) shows nothing. */
  schedule(request: CompareRequest): void {
    clearTimeout(this.timer);
    const ticket = ++this.sequence;
    if (request.models.length === 0 || !request.params.prompt) {
      this.previews = [];
      return;
    }
    this.timer = setTimeout(async () => {
      try {
        const previews = await backend.previewRun(request);
        if (ticket === this.sequence) this.previews = previews;
      } catch {
        // The plan's own error is shown by the form and the Run bar; nothing to add here.
        if (ticket === this.sequence) this.previews = [];
      }
    }, PREVIEW_DEBOUNCE_MS);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.sequence++;
  }
}

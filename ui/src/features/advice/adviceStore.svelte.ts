import * as backend from '../../ipc/backend';
import type { CanonicalParams, ModelAdvice } from '../../ipc/bindings.gen';
import type { IpcError } from '../../ipc/errors';

/** Long enough not to ask on every keystroke, short enough to read as live. */
export const ADVICE_DEBOUNCE_MS = 300;

/** Per-model prompt advice for the composer, re-asked (debounced) as the prompt changes. */
export class AdviceStore {
  advice = $state<ModelAdvice[]>([]);
  error = $state<IpcError | null>(null);
  private timer: ReturnType<typeof setTimeout> | undefined;
  private sequence = 0;

  schedule(params: CanonicalParams, models: string[]): void {
    clearTimeout(this.timer);
    const ticket = ++this.sequence;
    if (models.length === 0) {
      this.advice = [];
      this.error = null;
      return;
    }
    this.timer = setTimeout(async () => {
      try {
        const advice = await backend.lintPrompt({ params, models });
        if (ticket !== this.sequence) return; // a newer edit already asked again
        this.advice = advice;
        this.error = null;
      } catch (e) {
        if (ticket !== this.sequence) return;
        this.error = e as IpcError;
      }
    }, ADVICE_DEBOUNCE_MS);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.sequence++;
  }
}

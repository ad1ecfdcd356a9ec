// What the remix and extend drawers share: the core's plan of the drawer's request, re-asked
// after a pause as the form changes (the estimate and any refusal), and the start that spends.
import type { RunPlan } from '../ipc/bindings.gen';
import type { IpcError } from '../ipc/errors';

export const PLAN_DEBOUNCE_MS = 250;

export class ContinuePlan<R> {
  plan = $state<RunPlan | null>(null);
  error = $state<IpcError | null>(null);
  starting = $state(false);

  constructor(private readonly planOf: (request: R) => Promise<RunPlan>) {}

  /** Plans `request` after a pause (none: no plan); call from an `$effect`, which gets the cleanup. */
  follow(request: R | null): () => void {
    this.plan = null;
    let current = true;
    const timer = request
      ? setTimeout(async () => {
          try {
            const planned = await this.planOf(request);
            if (current) [this.plan, this.error] = [planned, null];
          } catch (e) {
            if (current) [this.plan, this.error] = [null, e as IpcError];
          }
        }, PLAN_DEBOUNCE_MS)
      : undefined;
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }

  /** Starts a planned request through `onstart`; true once it runs, else its refusal is shown. */
  async start(request: R | null, onstart: (request: R) => Promise<IpcError | null>): Promise<boolean> {
    if (!request || !this.plan) return false;
    this.starting = true;
    this.error = await onstart(request);
    this.starting = false;
    return this.error == null;
  }
}

// Prompts queued while a run is in flight: each is a full request as the composer had it
// when queued, started in order, one at a time, once the run before it has finished.
import type { CompareRequest } from '../../ipc/bindings.gen';
import type { IpcError } from '../../ipc/errors';

export interface QueuedPrompt {
  id: number;
  request: CompareRequest;
  /** Why it could not start; the queue waits on it until it is removed. */
  error: string | null;
}

export class PromptQueue {
  items = $state<QueuedPrompt[]>([]);
  /** True while the head is being started, so one finish starts exactly one run. */
  starting = $state(false);
  private nextId = 1;

  /** Queues a copy of the request: later edits in the composer do not change it. */
  add(request: CompareRequest): void {
    this.items = [...this.items, { id: this.nextId++, request: $state.snapshot(request) as CompareRequest, error: null }];
  }

  remove(id: number): void {
    this.items = this.items.filter((item) => item.id !== id);
  }

  /** A refused head stops the queue: starting the next one would skip what the creator queued first. */
  blocked = $derived(this.items[0]?.error != null);

  /**
   * Starts the head when nothing is running. `start` resolves to the refusal, or null once the
   * run is on stage; a refused head stays, with its reason, for the creator to read and remove.
   */
  async advance(busy: boolean, start: (request: CompareRequest) => Promise<IpcError | null>): Promise<void> {
    const head = this.items[0];
    if (busy || this.starting || !head || head.error != null) return;
    this.starting = true;
    try {
      const error = await start(head.request);
      if (error) this.items = this.items.map((item) => (item.id === head.id ? { ...item, error: error.message } : item));
      else this.remove(head.id);
    } finally {
      this.starting = false;
    }
  }
}

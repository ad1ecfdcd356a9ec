import * as backend from '../../ipc/backend';
import type { ModelInfo } from '../../ipc/bindings.gen';
import type { IpcError } from '../../ipc/errors';

/** The model catalog as the shell reports it (key availability included, so it is re-read on key changes). */
export class CatalogStore {
  models = $state<ModelInfo[]>([]);
  loaded = $state(false);
  error = $state<string | null>(null);

  async load(): Promise<void> {
    try {
      this.models = await backend.listModels();
      this.error = null;
    } catch (e) {
      this.error = (e as IpcError).message;
    } finally {
      this.loaded = true;
    }
  }
}

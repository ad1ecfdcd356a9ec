import * as backend from '../../ipc/backend';
import type { ModelInfo, RouteId } from '../../ipc/bindings.gen';
import type { IpcError } from '../../ipc/errors';
import { today } from '../../lib/dates';
import { customPrice } from '../../lib/prices';

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

  /** Saves a flat $/s for one model+route. Returns an error message, or null on success. */
  async setPrice(model: string, route: RouteId, usdPerSecond: number): Promise<string | null> {
    const shipped = this.models.find((m) => m.id === model)?.routes.find((r) => r.route === route)?.price;
    if (!shipped) return `${model}@${route} is not in the catalog.`;
    return this.update(() => backend.setPriceOverride(model, route, customPrice(usdPerSecond, shipped, today())));
  }

  /** Back to the shipped price. */
  async resetPrice(model: string, route: RouteId): Promise<string | null> {
    return this.update(() => backend.clearPriceOverride(model, route));
  }

  private async update(call: () => Promise<ModelInfo[]>): Promise<string | null> {
    try {
      this.models = await call();
      return null;
    } catch (e) {
      return (e as IpcError).message;
    }
  }
}

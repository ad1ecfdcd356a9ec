// Demo mode and key status. Keys are write-only: this store never holds a key's value.
import * as backend from '../../ipc/backend';
import type { KeyStatus, RouteId } from '../../ipc/bindings.gen';
import type { IpcError } from '../../ipc/errors';

export class SettingsStore {
  demo = $state(false);
  dataDir = $state('');
  keys = $state<KeyStatus[]>([]);
  loaded = $state(false);
  error = $state<string | null>(null);
  /** Called after anything that changes which routes have keys (the picker re-reads models). */
  onKeysChanged: () => void = () => {};

  async load(): Promise<void> {
    try {
      const [settings, keys] = await Promise.all([backend.getSettings(), backend.keyStatus()]);
      this.demo = settings.demo;
      this.dataDir = settings.data_dir;
      this.keys = keys;
      this.error = null;
    } catch (e) {
      this.error = (e as IpcError).message;
    } finally {
      this.loaded = true;
    }
  }

  async setDemo(demo: boolean): Promise<void> {
    const previous = this.demo;
    this.demo = demo; // optimistic: the switch should move under the finger
    try {
      this.demo = (await backend.setDemo(demo)).demo;
      this.error = null;
      this.onKeysChanged();
    } catch (e) {
      this.demo = previous;
      this.error = (e as IpcError).message;
    }
  }

  /** Saves a key to the keychain. Returns an error message, or null on success. */
  async setKey(route: RouteId, key: string): Promise<string | null> {
    return this.updateKeys(() => backend.setKey(route, key));
  }

  async removeKey(route: RouteId): Promise<string | null> {
    return this.updateKeys(() => backend.removeKey(route));
  }

  private async updateKeys(call: () => Promise<KeyStatus[]>): Promise<string | null> {
    try {
      this.keys = await call();
      this.onKeysChanged();
      return null;
    } catch (e) {
      return (e as IpcError).message;
    }
  }
}

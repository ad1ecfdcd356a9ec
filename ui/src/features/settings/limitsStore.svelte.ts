// Settings shared with the CLI (`dailies settings`): concurrency and base URL per route,
// budgets, theme, notifications; and the spend the budgets are measured against.
import * as backend from '../../ipc/backend';
import type { SettingEntry, SpendSummary } from '../../ipc/bindings.gen';
import type { IpcError } from '../../ipc/errors';

export type Theme = 'system' | 'light' | 'dark';

export class LimitsStore {
  entries = $state<SettingEntry[]>([]);
  spend = $state<SpendSummary | null>(null);
  /** The last refusal per setting key, worded by the core (names the allowed values). */
  errors = $state<Record<string, string>>({});
  loadError = $state<string | null>(null);

  async load(): Promise<void> {
    try {
      const [entries, spend] = await Promise.all([backend.listSettings(), backend.spendSummary()]);
      this.entries = entries;
      this.spend = spend;
      this.loadError = null;
    } catch (e) {
      this.loadError = (e as IpcError).message;
    }
  }

  async refreshSpend(): Promise<void> {
    try {
      this.spend = await backend.spendSummary();
    } catch {
      // The meter keeps its last figures; the next finished clip tries again.
    }
  }

  entry(key: string): SettingEntry | undefined {
    return this.entries.find((e) => e.key === key);
  }

  /** Stores `value` (an empty value returns the setting to its default). */
  async save(key: string, value: string): Promise<boolean> {
    const current = this.entry(key);
    if (current?.source === 'set' ? current.value === value.trim() : value.trim() === '') {
      this.clearError(key); // back to what is stored: an earlier refusal no longer applies
      return true;
    }
    try {
      const entry = value.trim() === '' ? await backend.unsetSetting(key) : await backend.setSetting(key, value);
      this.entries = this.entries.map((e) => (e.key === key ? entry : e));
      this.clearError(key);
      if (key.startsWith('budget.')) await this.refreshSpend();
      return true;
    } catch (e) {
      this.errors = { ...this.errors, [key]: (e as IpcError).message };
      return false;
    }
  }

  private clearError(key: string): void {
    if (key in this.errors) this.errors = Object.fromEntries(Object.entries(this.errors).filter(([k]) => k !== key));
  }

  get theme(): Theme {
    return (this.entry('theme')?.value as Theme | undefined) ?? 'system';
  }

  get notify(): boolean {
    return this.entry('notify')?.value !== 'off';
  }
}

/** The theme to paint: `system` follows the OS. */
export function resolvedTheme(theme: Theme, prefersDark: boolean): 'light' | 'dark' {
  return theme === 'system' ? (prefersDark ? 'dark' : 'light') : theme;
}

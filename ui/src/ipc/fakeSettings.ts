// The fake backend's settings: the same keys, defaults and validation messages as the core
// (`crates/dailies-core/src/settings`). Defaults come from the core's own export
// (`fixtures/settings.gen.json`); `fakeSettings.drift.test.ts` replays the core's answers
// to good and bad values through this file and fails when the two disagree.
import type { IpcError, SettingEntry, SpendSummary } from './bindings.gen';
import fixture from './fixtures/settings.gen.json';

const ENTRIES = fixture.entries as SettingEntry[];
const ROUTES = ENTRIES.filter((e) => e.key.startsWith('concurrency.')).map((e) => e.key.slice('concurrency.'.length));
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function refused(field: string, value: string, allowed: string[]): IpcError {
  return { code: 'invalid_input', message: `${field}: '${value}' is not valid; allowed values: ${allowed.join(', ')}`, field };
}

function checkKey(name: string): string {
  const key = name.trim();
  if (ENTRIES.some((e) => e.key === key)) return key;
  throw refused('key', key, [
    'concurrency.<route>',
    'budget.run_usd',
    'budget.day_usd',
    'budget.month_usd',
    'base_url.<route>',
    'notify',
    'theme',
    `(routes: ${ROUTES.join(', ')})`,
  ]);
}

/** The stored form of a value, or the core's refusal naming the key and what it takes. */
export function validateSetting(key: string, raw: string): string {
  const v = raw.trim();
  if (key.startsWith('concurrency.')) {
    const n = /^\+?\d+$/.test(v) ? Number(v) : NaN;
    if (n >= 1 && n <= 64) return String(n);
    throw refused(key, v, ['an integer from 1 to 64']);
  }
  if (key.startsWith('budget.')) {
    const text = v.replace(/^\$+/, '');
    const d = DECIMAL.test(text) ? Number(text) : NaN;
    if (Number.isFinite(d) && d > 0) return String(d);
    throw refused(key, v, ['a decimal amount of US dollars above 0 (e.g. 2.50)']);
  }
  if (key.startsWith('base_url.')) {
    try {
      const url = new URL(v);
      if ((url.protocol === 'http:' || url.protocol === 'https:') && url.hostname) return v.replace(/\/+$/, '');
    } catch {
      // falls through to the refusal
    }
    throw refused(key, v, ['an http:// or https:// URL']);
  }
  if (key === 'notify' && (v === 'on' || v === 'off')) return v;
  if (key === 'theme' && ['system', 'light', 'dark'].includes(v)) return v;
  throw refused(key, v, key === 'notify' ? ['on', 'off'] : ['system', 'light', 'dark']);
}

/** An in-memory settings store; `spentUsd` reports what the fake's runs have cost. */
export function fakeSettings(spentUsd: () => number = () => 0) {
  const stored = new Map<string, string>();
  const entry = (key: string): SettingEntry => {
    const base = ENTRIES.find((e) => e.key === key)!;
    const value = stored.get(key);
    return value === undefined
      ? { ...base, value: base.default, source: 'default' }
      : { ...base, value, source: 'set' };
  };
  const budget = (key: string) => (stored.has(key) ? Number(stored.get(key)) : null);
  return {
    async listSettings(): Promise<SettingEntry[]> {
      return ENTRIES.map((e) => entry(e.key));
    },
    async setSetting(name: string, value: string): Promise<SettingEntry> {
      const key = checkKey(name);
      stored.set(key, validateSetting(key, value));
      return entry(key);
    },
    async unsetSetting(name: string): Promise<SettingEntry> {
      const key = checkKey(name);
      stored.delete(key);
      return entry(key);
    },
    async spendSummary(): Promise<SpendSummary> {
      const spent = spentUsd();
      return {
        day_usd: spent,
        month_usd: spent,
        run_budget_usd: budget('budget.run_usd'),
        day_budget_usd: budget('budget.day_usd'),
        month_budget_usd: budget('budget.month_usd'),
      };
    },
  };
}

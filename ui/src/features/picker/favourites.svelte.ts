// Favourite models (`model@route` keys), pinned to the top of the picker. Kept in the
// webview's localStorage: a UI preference, not a setting the CLI shares (the settings table
// only takes the keys the core validates, and it has no free key space for this).
const STORAGE_KEY = 'dailies.picker.favourites';

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // storage disabled by the webview: favourites last for the session only
  }
}

function load(): string[] {
  try {
    const parsed: unknown = JSON.parse(storage()?.getItem(STORAGE_KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((k): k is string => typeof k === 'string') : [];
  } catch {
    return [];
  }
}

export class Favourites {
  keys = $state<string[]>(load());

  has(key: string): boolean {
    return this.keys.includes(key);
  }

  toggle(key: string): void {
    this.keys = this.has(key) ? this.keys.filter((k) => k !== key) : [...this.keys, key];
    try {
      storage()?.setItem(STORAGE_KEY, JSON.stringify(this.keys));
    } catch {
      // A full or refused storage keeps the change for this session.
    }
  }
}

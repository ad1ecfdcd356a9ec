// WebKitGTK reports the POSIX locale as navigator.language ("C") when LANG is unset or C —
// CI machines, minimal desktops, `env -i`. Intl rejects "C" as a language tag, and uPlot
// builds an Intl.NumberFormat from navigator.language when its module loads, which took the
// whole app down. main.ts imports this first, so it runs before any module that reads it.

/** Whether Intl accepts `tag` as a locale. */
export function isLocaleTag(tag: string | undefined): boolean {
  if (!tag) return false;
  try {
    new Intl.NumberFormat(tag);
    return true;
  } catch {
    return false;
  }
}

/** Replaces an invalid navigator.language (and languages) with Intl's own default locale. */
export function guardNavigatorLocale(nav: Navigator | undefined = globalThis.navigator): void {
  if (!nav || isLocaleTag(nav.language)) return;
  const fallback = new Intl.NumberFormat().resolvedOptions().locale || 'en-US';
  const valid = (nav.languages ?? []).filter(isLocaleTag);
  Object.defineProperty(nav, 'language', { configurable: true, get: () => fallback });
  Object.defineProperty(nav, 'languages', { configurable: true, get: () => (valid.length ? valid : [fallback]) });
}

guardNavigatorLocale();

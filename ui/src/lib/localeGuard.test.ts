import { afterEach, describe, expect, it } from 'vitest';
import { guardNavigatorLocale, isLocaleTag } from './localeGuard';

describe('locale guard', () => {
  const own = Object.getOwnPropertyDescriptors(navigator);
  afterEach(() => {
    for (const key of ['language', 'languages'] as const) {
      if (own[key]) Object.defineProperty(navigator, key, own[key]);
      else delete (navigator as unknown as Record<string, unknown>)[key];
    }
  });

  it('replaces the POSIX "C" locale WebKitGTK reports, so Intl (and uPlot) can format numbers', () => {
    expect(isLocaleTag('C')).toBe(false);
    Object.defineProperty(navigator, 'language', { configurable: true, get: () => 'C' });
    Object.defineProperty(navigator, 'languages', { configurable: true, get: () => ['C'] });
    expect(() => new Intl.NumberFormat(navigator.language)).toThrow(RangeError);
    guardNavigatorLocale();
    expect(isLocaleTag(navigator.language)).toBe(true);
    expect(navigator.languages.every(isLocaleTag)).toBe(true);
    expect(() => new Intl.NumberFormat(navigator.language).format(1.5)).not.toThrow();
  });

  it('leaves a valid language alone', () => {
    Object.defineProperty(navigator, 'language', { configurable: true, get: () => 'de-DE' });
    guardNavigatorLocale();
    expect(navigator.language).toBe('de-DE');
  });
});

import { describe, expect, it } from 'vitest';
import { DEFAULT_COMPARE, enterMode, frontTake, layerBStyle, nextColumns, pickSide, resolvePair, sanitizeCompare } from './compareModes';

const ids = ['a', 'b', 'c'];

describe('compare modes', () => {
  it('enters a two-take mode with the first two takes, and the A/B key again flips', () => {
    const ab = enterMode(DEFAULT_COMPARE, 'ab', ids);
    expect(ab).toMatchObject({ mode: 'ab', a: 'a', b: 'b', showB: false });
    expect(frontTake(ab)).toBe('a');
    const flipped = enterMode(ab, 'ab', ids);
    expect(flipped.showB).toBe(true);
    expect(frontTake(flipped)).toBe('b');
    expect(enterMode(flipped, 'wipe', ids)).toMatchObject({ mode: 'wipe', a: 'a', b: 'b' });
    expect(frontTake({ ...flipped, mode: 'wipe' })).toBe('a');
  });

  it('stays in the grid when fewer than two takes can play', () => {
    expect(enterMode(DEFAULT_COMPARE, 'difference', ['a'])).toBe(DEFAULT_COMPARE);
    expect(enterMode({ ...DEFAULT_COMPARE, mode: 'blend' }, 'grid', ['a']).mode).toBe('grid');
  });

  it('picks sides, swapping when the take is already on the other side', () => {
    const s = { ...DEFAULT_COMPARE, a: 'a', b: 'b' };
    expect(pickSide(s, 'a', 'c')).toMatchObject({ a: 'c', b: 'b' });
    expect(pickSide(s, 'a', 'b')).toMatchObject({ a: 'b', b: 'a' });
    expect(pickSide(s, 'b', 'a')).toMatchObject({ a: 'b', b: 'a' });
  });

  it('replaces a remembered take that can no longer play', () => {
    expect(resolvePair({ ...DEFAULT_COMPARE, a: 'gone', b: 'c' }, ids)).toEqual({ a: 'a', b: 'c' });
    expect(resolvePair({ ...DEFAULT_COMPARE, a: 'c', b: 'c' }, ids)).toEqual({ a: 'c', b: 'a' });
    expect(resolvePair(DEFAULT_COMPARE, ['a'])).toBeNull();
  });

  it('draws B over A per mode', () => {
    const s = { ...DEFAULT_COMPARE, a: 'a', b: 'b', wipe: 0.3, blend: 0.25 };
    expect(layerBStyle({ ...s, mode: 'ab' }).opacity).toBe(0);
    expect(layerBStyle({ ...s, mode: 'ab', showB: true }).opacity).toBe(1);
    expect(layerBStyle({ ...s, mode: 'wipe' }).clipPath).toBe('inset(0 0 0 30%)');
    expect(layerBStyle({ ...s, mode: 'difference' })).toEqual({ opacity: 1, clipPath: 'none' }); // drawn on a canvas
    expect(layerBStyle({ ...s, mode: 'blend' })).toEqual({ opacity: 0.25, clipPath: 'none' });
  });

  it('cycles columns and reads back only well-formed remembered state', () => {
    expect([0, 1, 2, 3, 4].map((c) => nextColumns(c as 0))).toEqual([1, 2, 3, 4, 0]);
    expect(sanitizeCompare({ mode: 'wipe', columns: 3, a: 'x', wipe: 2, blend: 'no' })).toEqual({
      ...DEFAULT_COMPARE,
      mode: 'wipe',
      columns: 3,
      a: 'x',
      wipe: 1,
    });
    expect(sanitizeCompare('garbage')).toEqual(DEFAULT_COMPARE);
    expect(sanitizeCompare({ mode: 'rotate', columns: 7 })).toEqual(DEFAULT_COMPARE);
  });
});

import { describe, expect, it } from 'vitest';
import { BINDINGS, HELP_ROWS, resolveKey } from './keymap';

const both = ['transport', 'stage'] as const;

describe('player key map', () => {
  it('maps transport keys in every view, stage keys only on the stage', () => {
    expect(resolveKey({ key: ' ' }, ['transport'])).toEqual({ kind: 'toggle-play' });
    expect(resolveKey({ key: 'L' }, ['transport'])).toEqual({ kind: 'shuttle', key: 'l' });
    expect(resolveKey({ key: 'a' }, ['transport'])).toBeNull(); // the blind view votes with A
    expect(resolveKey({ key: 'a' }, [...both])).toEqual({ kind: 'mode', mode: 'ab' });
  });

  it('tells Shift variants apart', () => {
    expect(resolveKey({ key: 'ArrowRight' }, ['transport'])).toEqual({ kind: 'step', frames: 1, second: false });
    expect(resolveKey({ key: 'ArrowLeft', shiftKey: true }, ['transport'])).toEqual({ kind: 'step', frames: -1, second: true });
    expect(resolveKey({ key: 'z' }, ['transport'])).toEqual({ kind: 'zoom', to: 'fit' });
    expect(resolveKey({ key: 'Z', shiftKey: true }, ['transport'])).toEqual({ kind: 'zoom', to: 'actual' });
    expect(resolveKey({ key: 'f' }, [...both])).toEqual({ kind: 'focus' });
    expect(resolveKey({ key: 'F', shiftKey: true }, [...both])).toEqual({ kind: 'fullscreen' });
    expect(resolveKey({ key: 'I', shiftKey: true }, ['transport'])).toEqual({ kind: 'mark', point: 'in', clear: true });
    expect(resolveKey({ key: 'S', shiftKey: true }, [...both])).toEqual({ kind: 'save', what: 'sheet' });
  });

  it('reads digits by their key code so Shift+1 picks side B on any layout', () => {
    expect(resolveKey({ key: '3', code: 'Digit3' }, ['transport'])).toEqual({ kind: 'pick', index: 2, side: 'a' });
    expect(resolveKey({ key: '!', code: 'Digit1', shiftKey: true }, ['transport'])).toEqual({ kind: 'pick', index: 0, side: 'b' });
    expect(resolveKey({ key: '0', code: 'Digit0' }, ['transport'])).toBeNull();
  });

  it('leaves keys with Ctrl, Alt or Meta to the app and the webview', () => {
    expect(resolveKey({ key: 'l', ctrlKey: true }, [...both])).toBeNull();
    expect(resolveKey({ key: 's', metaKey: true }, [...both])).toBeNull();
    expect(resolveKey({ key: '1', code: 'Digit1', altKey: true }, [...both])).toBeNull();
  });

  it('votes with A, B, T and N in the blind view only, next to the transport keys', () => {
    expect(resolveKey({ key: 'b' }, ['transport', 'blind'])).toEqual({ kind: 'vote', winner: 'right' });
    expect(resolveKey({ key: 'T' }, ['transport', 'blind'])).toEqual({ kind: 'vote', winner: 'tie' });
    expect(resolveKey({ key: 'b' }, [...both])).toEqual({ kind: 'mode', mode: 'blend' });
    expect(resolveKey({ key: 'n' }, [...both])).toBeNull();
    expect(resolveKey({ key: ' ' }, ['transport', 'blind'])).toEqual({ kind: 'toggle-play' });
  });

  it('binds no key twice in a view (transport + stage, transport + blind), and documents every binding', () => {
    for (const view of [['transport', 'stage'], ['transport', 'blind']]) {
      const seen = new Set<string>();
      for (const b of BINDINGS.filter((binding) => view.includes(binding.scope))) {
        const shifts = b.shift === undefined ? [true, false] : [b.shift];
        for (const shift of shifts) {
          const key = `${b.key}|${shift}`;
          expect(seen.has(key), `${key} bound twice in ${view.join(' + ')}`).toBe(false);
          seen.add(key);
        }
      }
    }
    expect(HELP_ROWS.length).toBeGreaterThan(20);
    expect(HELP_ROWS.every((r) => r.keys && r.help)).toBe(true);
  });
});

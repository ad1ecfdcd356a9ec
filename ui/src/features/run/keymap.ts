// The player's keys in one table: what each key does, in which view, and the help overlay's
// text. Transport keys work in the run stage and in the blind view; stage keys only on the
// stage, blind keys only in the blind view (A, B, T and N vote there). The stage and the blind
// view are never both listening, so a key may mean one thing in each.

import type { CompareMode } from './compareModes';
import type { ShuttleKey } from './shuttle';

export type KeyAction =
  | { kind: 'toggle-play' }
  | { kind: 'step'; frames: -1 | 1; second: boolean }
  | { kind: 'shuttle'; key: ShuttleKey }
  | { kind: 'mark'; point: 'in' | 'out'; clear: boolean }
  | { kind: 'toggle-loop' }
  | { kind: 'pick'; index: number; side: 'a' | 'b' }
  | { kind: 'zoom'; to: 'fit' | 'actual' | 'in' | 'out' }
  | { kind: 'help' }
  | { kind: 'mode'; mode: CompareMode }
  | { kind: 'focus' }
  | { kind: 'columns' }
  | { kind: 'fullscreen' }
  | { kind: 'panels' }
  | { kind: 'save'; what: 'frame' | 'sheet' }
  | { kind: 'marker' }
  | { kind: 'escape' }
  | { kind: 'vote'; winner: 'left' | 'right' | 'tie' }
  | { kind: 'next-pair' };

export type KeyScope = 'transport' | 'stage' | 'blind';

/** The parts of a KeyboardEvent the map reads. */
export interface KeyPress {
  key: string;
  code?: string;
  shiftKey?: boolean;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
}

interface Binding {
  /** Lower-case `event.key`. */
  key: string;
  /** Undefined: either; true/false: Shift must be held/not held. */
  shift?: boolean;
  scope: KeyScope;
  action: KeyAction;
  label: string;
  help: string;
}

const t = (key: string, label: string, help: string, action: KeyAction, shift?: boolean): Binding => ({ key, shift, scope: 'transport', action, label, help });
const s = (key: string, label: string, help: string, action: KeyAction, shift?: boolean): Binding => ({ key, shift, scope: 'stage', action, label, help });
const b = (key: string, label: string, help: string, action: KeyAction): Binding => ({ key, scope: 'blind', action, label, help });

export const BINDINGS: Binding[] = [
  t(' ', 'Space', 'Play / pause every take', { kind: 'toggle-play' }),
  t('arrowleft', '← / →', 'One frame back / forward (of the file’s frame rate)', { kind: 'step', frames: -1, second: false }, false),
  t('arrowright', '', '', { kind: 'step', frames: 1, second: false }, false),
  t('arrowleft', 'Shift+← / →', 'One second back / forward', { kind: 'step', frames: -1, second: true }, true),
  t('arrowright', '', '', { kind: 'step', frames: 1, second: true }, true),
  t('j', 'J', 'Shuttle back: reverse, faster each press (slows first when going forward)', { kind: 'shuttle', key: 'j' }),
  t('k', 'K', 'Stop the shuttle (pause)', { kind: 'shuttle', key: 'k' }),
  t('l', 'L', 'Shuttle forward: faster each press (slows first when going back)', { kind: 'shuttle', key: 'l' }),
  t('i', 'I / O', 'Set the loop in / out point here', { kind: 'mark', point: 'in', clear: false }, false),
  t('o', '', '', { kind: 'mark', point: 'out', clear: false }, false),
  t('i', 'Shift+I / O', 'Clear the in / out point', { kind: 'mark', point: 'in', clear: true }, true),
  t('o', '', '', { kind: 'mark', point: 'out', clear: true }, true),
  t('\\', '\\', 'Loop on / off (off: stop at the out point)', { kind: 'toggle-loop' }),
  t('z', 'Z', 'Zoom to fit', { kind: 'zoom', to: 'fit' }, false),
  t('z', 'Shift+Z', 'Zoom 1:1 (one video pixel per screen pixel)', { kind: 'zoom', to: 'actual' }, true),
  t('+', '+ / −', 'Zoom in / out (or the wheel over a take; drag to pan)', { kind: 'zoom', to: 'in' }),
  t('=', '', '', { kind: 'zoom', to: 'in' }),
  t('-', '', '', { kind: 'zoom', to: 'out' }),
  t('?', '?', 'Show / hide this help', { kind: 'help' }),
  s('g', 'G', 'Grid of every take', { kind: 'mode', mode: 'grid' }),
  s('f', 'F', 'Focus: the heard take large, the others as a strip (again: back)', { kind: 'focus' }, false),
  s('c', 'C', 'Grid columns: auto, 1, 2, 3, 4', { kind: 'columns' }),
  s('a', 'A', 'A/B switch: takes A and B in one frame; again flips A ⇄ B', { kind: 'mode', mode: 'ab' }),
  s('w', 'W', 'Wipe: A left, B right of a divider you drag', { kind: 'mode', mode: 'wipe' }),
  s('d', 'D', 'Difference: |A − B|, black where they agree', { kind: 'mode', mode: 'difference' }),
  s('b', 'B', 'Blend: B over A at the slider’s opacity', { kind: 'mode', mode: 'blend' }),
  s('f', 'Shift+F', 'Fullscreen stage', { kind: 'fullscreen' }, true),
  s('p', 'P', 'Show / hide the library and the form', { kind: 'panels' }),
  s('s', 'S', 'Save the heard take’s current frame as PNG', { kind: 'save', what: 'frame' }, false),
  s('s', 'Shift+S', 'Save a contact sheet of every take’s current frame as PNG', { kind: 'save', what: 'sheet' }, true),
  s('m', 'M', 'Pin a note at this moment on the heard take (a marker on the timeline)', { kind: 'marker' }),
  s('escape', 'Esc', 'Leave fullscreen, else back to the grid', { kind: 'escape' }),
  b('a', 'A / B', 'Vote: A is better / B is better', { kind: 'vote', winner: 'left' }),
  b('b', '', '', { kind: 'vote', winner: 'right' }),
  b('t', 'T', 'Vote: a tie', { kind: 'vote', winner: 'tie' }),
  b('n', 'N', 'Next pair (after the vote)', { kind: 'next-pair' }),
  b('escape', 'Esc', 'Close the blind comparison', { kind: 'escape' }),
];

/** Help rows for the overlay: one per labelled binding. */
export const HELP_ROWS = [
  { keys: '1 – 9', help: 'Grid: hear take N (in focus it also goes large). Two-take modes: take N becomes A (and is heard)', scope: 'stage' as KeyScope },
  { keys: '1 / 2', help: 'Hear clip A / clip B', scope: 'blind' as KeyScope },
  { keys: 'Shift+1 – 9', help: 'Two-take modes: take N becomes B', scope: 'stage' as KeyScope },
  ...BINDINGS.filter((b) => b.label).map((b) => ({ keys: b.label, help: b.help, scope: b.scope })),
];

/** The action for a key press in `scopes`, or null (modified keys other than Shift never match). */
export function resolveKey(press: KeyPress, scopes: KeyScope[]): KeyAction | null {
  if (press.ctrlKey || press.metaKey || press.altKey) return null;
  const digit = /^Digit([1-9])$/.exec(press.code ?? '') ?? /^([1-9])$/.exec(press.key);
  if (digit) return { kind: 'pick', index: Number(digit[1]) - 1, side: press.shiftKey ? 'b' : 'a' };
  const key = press.key.toLowerCase();
  const found = BINDINGS.find(
    (b) => b.key === key && scopes.includes(b.scope) && (b.shift === undefined || b.shift === Boolean(press.shiftKey)),
  );
  return found?.action ?? null;
}

/** Key presses the player leaves alone: typing in a field. */
export function isTyping(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest('input, textarea, select, [contenteditable]') !== null;
}

// Compare modes of the run stage: the grid (with a column choice, or one take featured and
// the others as a strip) and the two-take modes that show takes A and B in one frame.
// Pure state transitions, so the keys, the toolbar and the tests agree.

export const MODES = ['grid', 'ab', 'wipe', 'difference', 'blend'] as const;
export type CompareMode = (typeof MODES)[number];

export const MODE_LABEL: Record<CompareMode, string> = {
  grid: 'Grid',
  ab: 'A/B',
  wipe: 'Wipe',
  difference: 'Difference',
  blend: 'Blend',
};

/** 0: as many columns as fit best; 1–4: that many. */
export type Columns = 0 | 1 | 2 | 3 | 4;

export interface CompareState {
  mode: CompareMode;
  columns: Columns;
  a: string | null;
  b: string | null;
  /** A/B switch: which take is in front. */
  showB: boolean;
  /** Wipe: where the divider stands, 0..1 from the left (A left of it, B right). */
  wipe: number;
  /** Blend: B's opacity over A, 0..1. */
  blend: number;
}

export const DEFAULT_COMPARE: CompareState = { mode: 'grid', columns: 0, a: null, b: null, showB: false, wipe: 0.5, blend: 0.5 };

/** Modes that show two takes in one frame. */
export function isTwoTake(mode: CompareMode): boolean {
  return mode !== 'grid';
}

/** auto → 1 → 2 → 3 → 4 → auto. */
export function nextColumns(columns: Columns): Columns {
  return ((columns + 1) % 5) as Columns;
}

/** A and B among the playable takes: the chosen ones while still playable, else the first free ones. */
export function resolvePair(state: CompareState, playable: string[]): { a: string; b: string } | null {
  if (playable.length < 2) return null;
  const a = state.a && playable.includes(state.a) ? state.a : playable.find((id) => id !== state.b)!;
  const b = state.b && playable.includes(state.b) && state.b !== a ? state.b : playable.find((id) => id !== a)!;
  return { a, b };
}

/** Switches to `mode`; asking for the A/B switch while in it flips which take is in front. */
export function enterMode(state: CompareState, mode: CompareMode, playable: string[]): CompareState {
  if (!isTwoTake(mode)) return { ...state, mode };
  const pair = resolvePair(state, playable);
  if (!pair) return state; // two-take modes need two finished takes
  if (mode === 'ab' && state.mode === 'ab') return { ...state, ...pair, showB: !state.showB };
  return { ...state, ...pair, mode };
}

/** Puts take `id` on `side`; if it was on the other side, the two swap. */
export function pickSide(state: CompareState, side: 'a' | 'b', id: string): CompareState {
  const other = side === 'a' ? 'b' : 'a';
  const next = { ...state, [side]: id };
  if (state[other] === id) next[other] = state[side];
  return next;
}

/** The take heard in a two-take mode: the one in front (A/B switch), else A. */
export function frontTake(state: CompareState): string | null {
  return state.mode === 'ab' && state.showB ? state.b : state.a;
}

export interface LayerStyle {
  opacity: number;
  clipPath: string;
}

/** How take B (stacked over A) is drawn in each two-take mode. Difference is drawn on a
 *  canvas over both (DifferenceCanvas.svelte): WebKitGTK ignores CSS blending on video. */
export function layerBStyle(state: CompareState): LayerStyle {
  const none = { opacity: 1, clipPath: 'none' };
  switch (state.mode) {
    case 'ab':
      // Both layers keep decoding and painting; only B's visibility flips, so the switch is instant.
      return { ...none, opacity: state.showB ? 1 : 0 };
    case 'wipe':
      return { ...none, clipPath: `inset(0 0 0 ${pct(state.wipe)}%)` };
    case 'blend':
      return { opacity: clamp01(state.blend), clipPath: 'none' };
    default:
      return none;
  }
}

const clamp01 = (n: number) => Math.min(Math.max(0, n), 1);
const pct = (n: number) => Math.round(clamp01(n) * 10000) / 100;

/** Reads a remembered state, keeping only well-formed fields. */
export function sanitizeCompare(raw: unknown): CompareState {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const id = (v: unknown) => (typeof v === 'string' && v ? v : null);
  const unit = (v: unknown, fallback: number) => (typeof v === 'number' && Number.isFinite(v) ? clamp01(v) : fallback);
  return {
    mode: MODES.includes(r.mode as CompareMode) ? (r.mode as CompareMode) : DEFAULT_COMPARE.mode,
    columns: [0, 1, 2, 3, 4].includes(r.columns as number) ? (r.columns as Columns) : 0,
    a: id(r.a),
    b: id(r.b),
    showB: r.showB === true,
    wipe: unit(r.wipe, DEFAULT_COMPARE.wipe),
    blend: unit(r.blend, DEFAULT_COMPARE.blend),
  };
}

// The run stage's compare state (mode, columns, takes A and B, wipe and blend), reactive,
// loaded and saved per run through playerMemory.ts.

import { DEFAULT_COMPARE, enterMode, frontTake, isTwoTake, nextColumns, pickSide, resolvePair, type CompareMode, type CompareState } from './compareModes';

export class CompareStore {
  state = $state<CompareState>({ ...DEFAULT_COMPARE });
  /** Takes that can be compared (finished, with media), in the run's order. */
  playable = $state<string[]>([]);

  /** The mode actually shown: a two-take mode falls back to the grid without two playable takes. */
  get mode(): CompareMode {
    return isTwoTake(this.state.mode) && !this.pair ? 'grid' : this.state.mode;
  }

  get pair(): { a: string; b: string } | null {
    return resolvePair(this.state, this.playable);
  }

  /** The take heard in a two-take mode. */
  get front(): string | null {
    const pair = this.pair;
    return pair ? frontTake({ ...this.state, ...pair }) : null;
  }

  enter(mode: CompareMode): void {
    this.state = enterMode(this.state, mode, this.playable);
  }

  pick(side: 'a' | 'b', id: string): void {
    const pair = this.pair;
    this.state = pickSide(pair ? { ...this.state, ...pair } : this.state, side, id);
  }

  cycleColumns(): void {
    this.state = { ...this.state, columns: nextColumns(this.state.columns) };
  }

  set(patch: Partial<CompareState>): void {
    this.state = { ...this.state, ...patch };
  }
}

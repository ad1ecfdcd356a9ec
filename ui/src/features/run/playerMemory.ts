// What the player remembers per run between visits: the compare mode and its settings, the
// featured take, and the loop points. Kept in localStorage under one key per run.

import { DEFAULT_COMPARE, sanitizeCompare, type CompareState } from './compareModes';
import { NO_LOOP_POINTS, type LoopPoints } from './loopRange';

export interface PlayerMemory {
  compare: CompareState;
  featured: string | null;
  loop: LoopPoints;
}

export const DEFAULT_MEMORY: PlayerMemory = { compare: DEFAULT_COMPARE, featured: null, loop: NO_LOOP_POINTS };

type KeyValue = Pick<Storage, 'getItem' | 'setItem'>;

const keyFor = (runId: string) => `dailies.player.${runId}`;

function storage(): KeyValue | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // storage disabled: nothing is remembered, nothing breaks
  }
}

function readLoop(raw: unknown): LoopPoints {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const time = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : null);
  return { in: time(r.in), out: time(r.out), on: r.on !== false };
}

export function loadMemory(runId: string, store: KeyValue | null = storage()): PlayerMemory {
  try {
    const raw = JSON.parse(store?.getItem(keyFor(runId)) ?? 'null') as Record<string, unknown> | null;
    if (!raw || typeof raw !== 'object') return DEFAULT_MEMORY;
    return {
      compare: sanitizeCompare(raw.compare),
      featured: typeof raw.featured === 'string' ? raw.featured : null,
      loop: readLoop(raw.loop),
    };
  } catch {
    return DEFAULT_MEMORY; // unreadable: start from the defaults
  }
}

export function saveMemory(runId: string, memory: PlayerMemory, store: KeyValue | null = storage()): void {
  try {
    store?.setItem(keyFor(runId), JSON.stringify(memory));
  } catch {
    // Full or disabled storage: the player still works, it just forgets.
  }
}

import { describe, expect, it } from 'vitest';
import { DEFAULT_COMPARE } from './compareModes';
import { DEFAULT_MEMORY, loadMemory, saveMemory } from './playerMemory';

function memoryStore() {
  const data = new Map<string, string>();
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), data };
}

describe('player memory', () => {
  it('remembers modes, featured take and loop points per run', () => {
    const store = memoryStore();
    const memory = { compare: { ...DEFAULT_COMPARE, mode: 'wipe' as const, a: 'x', b: 'y', wipe: 0.3 }, featured: 'x', loop: { in: 1, out: 2, on: false } };
    saveMemory('run_1', memory, store);
    expect(loadMemory('run_1', store)).toEqual(memory);
    expect(loadMemory('run_2', store)).toEqual(DEFAULT_MEMORY);
  });

  it('falls back to the defaults on anything unreadable', () => {
    const store = memoryStore();
    store.setItem('dailies.player.r', '{not json');
    expect(loadMemory('r', store)).toEqual(DEFAULT_MEMORY);
    store.setItem('dailies.player.r', JSON.stringify({ compare: { mode: 'x' }, featured: 3, loop: { in: -1, out: 'a' } }));
    expect(loadMemory('r', store)).toEqual(DEFAULT_MEMORY);
    expect(loadMemory('r', null)).toEqual(DEFAULT_MEMORY);
  });
});

import { describe, expect, it } from 'vitest';
import { makeClip } from '../../test/fixtures';
import { fitRatings, nextPair, pairKey, ratingBoard } from './arena';

const kling = { model: 'kling-3.0-standard', model_name: 'Kling', route: 'fal' as const };
const sora = { model: 'sora-2', model_name: 'Sora', route: 'openai' as const };
const seedance = { model: 'seedance-2.0-fast', model_name: 'Seedance', route: 'seedance' as const };

describe('arena', () => {
  it('fits Bradley–Terry like the core: symmetric around the 1000 anchor, order-independent', () => {
    const one = ratingBoard([{ left: kling, right: sora, winner: 'left' }]);
    expect(one.map((r) => r.model)).toEqual(['kling-3.0-standard', 'sora-2']);
    expect(one[0].rating).toBeGreaterThan(1000);
    expect(Math.abs(one[0].rating + one[1].rating - 2000)).toBeLessThanOrEqual(1);
    expect(one[0].rating_low).toBeLessThanOrEqual(one[0].rating);
    expect(one[0].rating_high).toBeGreaterThanOrEqual(one[0].rating);
    const votes = [
      { left: kling, right: sora, winner: 'left' as const },
      { left: kling, right: seedance, winner: 'right' as const },
      { left: sora, right: seedance, winner: 'tie' as const },
    ];
    const board = ratingBoard(votes);
    expect(board.map((r) => r.model)).toEqual(['seedance-2.0-fast', 'kling-3.0-standard', 'sora-2']);
    expect(board[0]).toMatchObject({ wins: 1, losses: 0, ties: 1 });
    expect(ratingBoard([...votes].reverse()).map((r) => r.rating)).toEqual(board.map((r) => r.rating));
  });

  it('keeps an unbeaten model finite', () => {
    const r = fitRatings(2, [{ a: 0, b: 1, scoreA: 1 }, { a: 0, b: 1, scoreA: 1 }]);
    expect(r.every(Number.isFinite)).toBe(true);
    expect(r[0]).toBeGreaterThan(r[1]);
  });

  it('offers the least-seen pair of finished clips, sides shuffled', () => {
    const clips = ['a', 'b', 'c'].map((id) => makeClip({ id, status: 'succeeded' }));
    clips.push(makeClip({ id: 'd', status: 'failed' }));
    const seen = new Map([[pairKey(clips[0], clips[1]), 1]]);
    const pair = nextPair(clips, seen, () => 0.9)!;
    expect(pair.map((c) => c.id)).toEqual(['c', 'a']);
    expect(nextPair(clips.slice(0, 1), new Map())).toBeNull();
  });
});

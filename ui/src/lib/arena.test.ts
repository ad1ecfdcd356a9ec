import { describe, expect, it } from 'vitest';
import { makeClip } from '../../test/fixtures';
import { eloBoard, nextPair, pairKey } from './arena';

const kling = { model: 'kling-3.0-standard', model_name: 'Kling', route: 'fal' as const };
const sora = { model: 'sora-2', model_name: 'Sora', route: 'openai' as const };
const seedance = { model: 'seedance-2.0-fast', model_name: 'Seedance', route: 'seedance' as const };

describe('arena', () => {
  it('replays Elo like the core: even odds move 16 points, ties and upsets follow', () => {
    expect(eloBoard([{ left: kling, right: sora, winner: 'left' }]).map((r) => [r.model, r.elo])).toEqual([
      ['kling-3.0-standard', 1516],
      ['sora-2', 1484],
    ]);
    const board = eloBoard([
      { left: kling, right: sora, winner: 'left' },
      { left: kling, right: seedance, winner: 'right' },
      { left: sora, right: seedance, winner: 'tie' },
    ]);
    expect(board.map((r) => r.model)).toEqual(['seedance-2.0-fast', 'kling-3.0-standard', 'sora-2']);
    expect(board[0]).toMatchObject({ wins: 1, losses: 0, ties: 1 });
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

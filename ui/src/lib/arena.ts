// The blind arena's arithmetic, shared by the fake backend and the compare view: which pair
// to show next, and Elo exactly as dailies-core replays it (start 1500, K = 32).
import type { ClipView, LeaderRow, VoteWinner } from '../ipc/bindings.gen';

export const CRITERIA = ['overall', 'prompt', 'motion', 'look', 'audio'] as const;
export const CRITERION_LABEL: Record<(typeof CRITERIA)[number], string> = {
  overall: 'Overall',
  prompt: 'Follows the prompt',
  motion: 'Motion',
  look: 'Look',
  audio: 'Audio',
};

const START = 1500;
const K = 32;

/** The finished pair seen least often so far (by key `a|b`), sides in random order. */
export function nextPair(clips: ClipView[], seen: Map<string, number>, random: () => number = Math.random): [ClipView, ClipView] | null {
  const done = clips.filter((c) => c.status === 'succeeded');
  let best: [ClipView, ClipView] | null = null;
  let fewest = Infinity;
  for (let i = 0; i < done.length; i++) {
    for (let j = i + 1; j < done.length; j++) {
      const times = seen.get(pairKey(done[i], done[j])) ?? 0;
      if (times < fewest) [best, fewest] = [[done[i], done[j]], times];
    }
  }
  if (!best) return null;
  return random() < 0.5 ? best : [best[1], best[0]];
}

export const pairKey = (a: ClipView, b: ClipView) => [a.id, b.id].sort().join('|');

export interface Vote {
  left: Pick<ClipView, 'model' | 'model_name' | 'route'>;
  right: Pick<ClipView, 'model' | 'model_name' | 'route'>;
  winner: VoteWinner;
}

/** Elo per model+route, best first; the same model on both sides is skipped. */
export function eloBoard(votes: Vote[]): LeaderRow[] {
  const table = new Map<string, LeaderRow>();
  const row = (c: Vote['left']) => {
    const key = `${c.model}@${c.route}`;
    if (!table.has(key)) table.set(key, { model: c.model, model_name: c.model_name, route: c.route, elo: START, wins: 0, losses: 0, ties: 0 });
    return table.get(key)!;
  };
  for (const v of votes) {
    if (v.left.model === v.right.model && v.left.route === v.right.route) continue;
    const [a, b] = [row(v.left), row(v.right)];
    const score = v.winner === 'left' ? 1 : v.winner === 'right' ? 0 : 0.5;
    const delta = K * (score - 1 / (1 + 10 ** ((b.elo - a.elo) / 400)));
    a.elo += delta;
    b.elo -= delta;
    if (score === 0.5) [a.ties, b.ties] = [a.ties + 1, b.ties + 1];
    else if (score === 1) [a.wins, b.losses] = [a.wins + 1, b.losses + 1];
    else [a.losses, b.wins] = [a.losses + 1, b.wins + 1];
  }
  return [...table.values()]
    .map((r) => ({ ...r, elo: Math.round(r.elo) }))
    .sort((x, y) => y.elo - x.elo || x.model.localeCompare(y.model));
}

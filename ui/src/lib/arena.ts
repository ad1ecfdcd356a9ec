// The blind arena's arithmetic, shared by the fake backend and the compare view: which pair
// to show next, and the fake backend's leaderboard: the same Bradley–Terry fit as
// dailies-core's `ranking.rs` (MM iteration, one virtual tie against a 1000 anchor, Elo
// scale), with bootstrap intervals from a seeded generator of its own.
import type { ClipView, LeaderRow, VoteWinner } from '../ipc/bindings.gen';

export const CRITERIA = ['overall', 'prompt', 'motion', 'look', 'audio'] as const;
export const CRITERION_LABEL: Record<(typeof CRITERIA)[number], string> = {
  overall: 'Overall',
  prompt: 'Follows the prompt',
  motion: 'Motion',
  look: 'Look',
  audio: 'Audio',
};

const ROUNDS = 200;
/** Below this many votes a model's bootstrap interval is too narrow to mean anything (one vote resamples to itself). */
export const MIN_VOTES_FOR_INTERVAL = 5;
/** Below this many votes a rating is preliminary and listed after the settled ones (dailies-core's `PRELIMINARY_BELOW_VOTES`). */
export const PRELIMINARY_BELOW_VOTES = 10;

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

interface Outcome {
  a: number;
  b: number;
  scoreA: number;
}

/** Ratings (Elo scale) fitted to the outcomes; order-independent. */
export function fitRatings(models: number, outcomes: Outcome[]): number[] {
  let strength = new Array<number>(models).fill(1);
  for (let iteration = 0; iteration < 500; iteration++) {
    const wins = new Array<number>(models).fill(0.5);
    const denominators = strength.map((p) => 1 / (p + 1));
    for (const o of outcomes) {
      wins[o.a] += o.scoreA;
      wins[o.b] += 1 - o.scoreA;
      const pair = 1 / (strength[o.a] + strength[o.b]);
      denominators[o.a] += pair;
      denominators[o.b] += pair;
    }
    const next = wins.map((w, i) => w / denominators[i]);
    const moved = Math.max(0, ...next.map((n, i) => Math.abs(n / strength[i] - 1)));
    strength = next;
    if (moved < 1e-10) break;
  }
  return strength.map((p) => 1000 + 400 * Math.log10(p));
}

/** Settled rows first, then by the interval's lower bound, the rating, the model and route (as the core). */
export function boardOrder(x: LeaderRow, y: LeaderRow): number {
  return (
    Number(x.preliminary) - Number(y.preliminary) ||
    y.rating_low - x.rating_low ||
    y.rating - x.rating ||
    x.model.localeCompare(y.model) ||
    x.route.localeCompare(y.route)
  );
}

/** Bradley–Terry per model+route with 95 % intervals; same-model votes are skipped. */
export function ratingBoard(votes: Vote[]): LeaderRow[] {
  const rows: LeaderRow[] = [];
  const index = new Map<string, number>();
  const side = (c: Vote['left']) => {
    const key = `${c.model}@${c.route}`;
    if (!index.has(key)) {
      index.set(key, rows.length);
      rows.push({ model: c.model, model_name: c.model_name, route: c.route, rating: 1000, rating_low: 1000, rating_high: 1000, wins: 0, losses: 0, ties: 0, votes: 0, preliminary: true });
    }
    return index.get(key)!;
  };
  const outcomes: Outcome[] = [];
  for (const v of votes) {
    if (v.left.model === v.right.model && v.left.route === v.right.route) continue;
    const [a, b] = [side(v.left), side(v.right)];
    const scoreA = v.winner === 'left' ? 1 : v.winner === 'right' ? 0 : 0.5;
    outcomes.push({ a, b, scoreA });
    if (scoreA === 0.5) [rows[a].ties, rows[b].ties] = [rows[a].ties + 1, rows[b].ties + 1];
    else if (scoreA === 1) [rows[a].wins, rows[b].losses] = [rows[a].wins + 1, rows[b].losses + 1];
    else [rows[a].losses, rows[b].wins] = [rows[a].losses + 1, rows[b].wins + 1];
  }
  const ratings = fitRatings(rows.length, outcomes);
  const samples: number[][] = rows.map(() => []);
  let seed = 0x5eed;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let round = 0; outcomes.length > 0 && round < ROUNDS; round++) {
    const resampled = outcomes.map(() => outcomes[Math.floor(random() * outcomes.length)]);
    fitRatings(rows.length, resampled).forEach((r, i) => samples[i].push(r));
  }
  const at = (s: number[], q: number) => s[Math.round((s.length - 1) * q)];
  return rows
    .map((r, i) => {
      const s = samples[i].sort((x, y) => x - y);
      const [low, high] = s.length ? [at(s, 0.025), at(s, 0.975)] : [1000, 1000];
      const votes = r.wins + r.losses + r.ties;
      return { ...r, rating: Math.round(ratings[i]), rating_low: Math.round(low), rating_high: Math.round(high), votes, preliminary: votes < PRELIMINARY_BELOW_VOTES };
    })
    .sort(boardOrder);
}

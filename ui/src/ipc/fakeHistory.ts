// `?history` in the browser demo: weeks of past runs made from the sample runs' clips, so
// the Stats view's charts have trends to draw. Deterministic (a seeded generator).
import type { ClipView, RunView } from './bindings.gen';

const DAY_MS = 86_400_000;

export function historyRuns(templates: RunView[], days: number, now = Date.now()): RunView[] {
  let seed = 0xda11e5;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const clips = templates.flatMap((r) => r.clips).filter((c) => c.status === 'succeeded');
  const runs: RunView[] = [];
  for (let day = days; day >= 2; day--) {
    const perDay = 1 + Math.floor(random() * 3);
    for (let n = 0; n < perDay; n++) {
      const at = now - day * DAY_MS + Math.floor(random() * 10) * 3600_000;
      const runId = `run_history_${day}_${n}`;
      // Latency drifts with the day (a provider slowing down, then recovering).
      const drift = 1 + 0.4 * Math.sin(day / 6);
      const views = clips
        .filter(() => random() < 0.75)
        .map((template, i): ClipView => {
          const failed = random() < 0.12;
          const total = Math.round((template.latency_ms.total ?? 60_000) * drift * (0.7 + random() * 0.8));
          return {
            ...template, id: `${runId}_c${i + 1}`, run_id: runId, status: failed ? 'failed' : 'succeeded',
            error: failed ? { code: 'failed', message: 'the provider failed the job' } : null,
            cost_usd: failed ? null : template.cost_usd, cost_kind: failed ? null : template.cost_kind,
            billed_cost_usd: failed ? null : template.billed_cost_usd, submitted_at_ms: at,
            latency_ms: failed ? { queued: null, generating: null, downloading: null, total: null } : { ...template.latency_ms, total },
          };
        });
      if (views.length === 0) continue;
      const prompt = templates[n % templates.length].prompt;
      runs.push({
        ...templates[n % templates.length], run_id: runId, prompt, created_at: new Date(at).toISOString(), clips: views,
        estimated_cost_usd: views.reduce((s, c) => s + c.estimated_cost_usd, 0),
      });
    }
  }
  return runs.reverse();
}

/** Blind votes on the generated runs: each pair of delivered clips once, the stronger model
 *  (a fixed strength per model) usually winning, sometimes a tie. */
export function historyVotes(runs: RunView[]) {
  let seed = 0x5eed;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const strength = (c: ClipView) => [...`${c.model}@${c.route}`].reduce((s, ch) => (s * 31 + ch.charCodeAt(0)) % 97, 7) / 97;
  const criteria = ['overall', 'motion', 'look', 'prompt'];
  const votes: { left: ClipView; right: ClipView; winner: 'left' | 'right' | 'tie'; criterion: string; run: string }[] = [];
  for (const run of runs.filter((r) => r.run_id.startsWith('run_history_'))) {
    const done = run.clips.filter((c) => c.status === 'succeeded');
    for (let i = 0; i + 1 < done.length; i += 2) {
      const [left, right] = [done[i], done[i + 1]];
      const roll = random();
      const pLeft = 0.5 + (strength(left) - strength(right)) * 0.8;
      const winner = roll < 0.1 ? 'tie' : roll < 0.1 + 0.9 * pLeft ? 'left' : 'right';
      votes.push({ left, right, winner, criterion: criteria[Math.floor(random() * criteria.length)], run: run.run_id });
    }
  }
  return votes;
}

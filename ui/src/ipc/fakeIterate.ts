// The fake backend's iteration loop, following dailies-core: takes with their seeds, a
// re-run's selection of clips, a run's lineage with its cost, and the prompt's word diff.
import type { ChangeKind, ClipView, CompareRequest, Iteration, PlannedClip, RerunRequest, RunView, WordChange } from './bindings.gen';
import { invalid } from './fakeErrors';

export const MAX_TAKES = 8;
const RANDOM_SEED_MAX = 2147483647;

/** The takes asked for (default 1), as `takes::checked` refuses them. */
export function checkedTakes(takes: number | null | undefined): number {
  const n = takes ?? 1;
  if (!Number.isInteger(n) || n < 1 || n > MAX_TAKES) throw invalid(`takes: '${n}' is not valid; allowed values: 1–${MAX_TAKES}`);
  return n;
}

/** `n` takes of one planned clip: the asked seed counting up, else random seeds where the route takes one. */
export function expandTakes(clip: PlannedClip, n: number, askedSeed: number | null | undefined, routeSeed: boolean): PlannedClip[] {
  if (n <= 1) return [{ ...clip, take: 1 }];
  const used = new Set<number>();
  const randomSeed = () => {
    let seed: number;
    do seed = Math.floor(Math.random() * (RANDOM_SEED_MAX + 1));
    while (used.has(seed));
    used.add(seed);
    return seed;
  };
  return Array.from({ length: n }, (_, i) => {
    const resolved = { ...clip.resolved };
    const parity = [...clip.parity];
    if (routeSeed) resolved.seed = askedSeed != null ? askedSeed + i : randomSeed();
    else {
      delete resolved.seed;
      parity.push({ param: 'takes', asked: `${n} takes`, ran: `${n} takes, no seed`, message: 'this route takes no seed: its takes differ only by chance' });
    }
    return { ...clip, resolved, parity, take: i + 1 };
  });
}

const didNotDeliver = (c: ClipView) => c.status === 'failed' || c.status === 'canceled' || c.status === 'unknown';

/** Like `Studio::plan_rerun`: the request to plan and how many takes each `model@route` gets. */
export function rerunRequest(run: RunView, req: RerunRequest): { request: CompareRequest; takesOf: (label: string) => number } {
  if (run.clips.some((c) => c.remix_of)) throw invalid('run: a remix cannot be re-run as a comparison; remix its source clip again');
  const label = (c: ClipView) => `${c.model}@${c.route}`;
  const models = req.models ?? [];
  for (const spec of models) {
    if (!run.clips.some((c) => c.model === spec.trim() || label(c) === spec.trim())) {
      const allowed = [...new Set(run.clips.map(label))];
      throw invalid(`model: '${spec}' is not valid; allowed values: ${allowed.join(', ')}`);
    }
  }
  const picked = run.clips
    .filter((c) => models.length === 0 || models.some((m) => m.trim() === c.model || m.trim() === label(c)))
    .filter((c) => !req.failed_only || didNotDeliver(c));
  if (picked.length === 0) {
    const short = run.run_id.slice(-8);
    throw req.failed_only
      ? invalid(`failed: nothing to re-run; no clip of run ${short} failed or was canceled`)
      : invalid(`run: run ${short} has no clip to re-run`);
  }
  const counts = new Map<string, number>();
  for (const c of picked) counts.set(label(c), (counts.get(label(c)) ?? 0) + 1);
  const params = { ...run.params };
  if (req.prompt != null) {
    params.prompt = req.prompt.trim();
    delete params.shots;
  }
  return {
    request: { params, models: [...counts.keys()], strict: false, crop: true, max_cost_usd: req.max_cost_usd ?? null },
    takesOf: (l) => Math.min(counts.get(l) ?? 1, MAX_TAKES),
  };
}

/** Like `Studio::iteration`: ancestors and descendants, oldest first, with cost and the diff. */
export function lineage(runs: RunView[], runId: string): Iteration {
  const byId = new Map(runs.map((r) => [r.run_id, r]));
  const run = byId.get(runId);
  if (!run) throw { code: 'not_found', message: `run '${runId}' not found`, field: null };
  const ids = new Set<string>();
  for (let at: RunView | undefined = run; at && !ids.has(at.run_id); at = at.parent_run_id ? byId.get(at.parent_run_id) : undefined) {
    ids.add(at.run_id);
  }
  const queue = [runId];
  while (queue.length > 0) {
    const id = queue.shift()!;
    for (const child of runs.filter((r) => r.parent_run_id === id && !ids.has(r.run_id))) {
      ids.add(child.run_id);
      queue.push(child.run_id);
    }
  }
  const versions = runs
    .filter((r) => ids.has(r.run_id))
    .sort((a, b) => a.created_at.localeCompare(b.created_at) || a.run_id.localeCompare(b.run_id))
    .map((r) => ({
      run_id: r.run_id,
      parent_run_id: r.parent_run_id,
      prompt: r.prompt,
      created_at: r.created_at,
      winner: r.clips.find((c) => c.id === r.winner_clip_id) ?? null,
      clip_count: r.clips.length,
      succeeded: r.clips.filter((c) => c.status === 'succeeded').length,
      cost_usd: r.clips.reduce((sum, c) => sum + (c.cost_usd ?? 0), 0),
      cost_billed_usd: r.clips.reduce((sum, c) => sum + (c.cost_kind === 'billed' ? (c.cost_usd ?? 0) : 0), 0),
      continues: r.clips.find((c) => c.continues)?.continues ?? null,
    }));
  const toTenthOfCent = (usd: number) => Math.round(usd * 1000) / 1000;
  const parent = run.parent_run_id ? byId.get(run.parent_run_id) : undefined;
  return {
    run_id: runId,
    versions,
    total_cost_usd: toTenthOfCent(versions.reduce((sum, v) => sum + v.cost_usd, 0)),
    total_billed_usd: toTenthOfCent(versions.reduce((sum, v) => sum + v.cost_billed_usd, 0)),
    prompt_diff: parent ? wordDiff(parent.prompt, run.prompt) : [],
  };
}

/** Words and the spaces between them, as `similar`'s word diff splits text. */
const tokens = (text: string) => text.match(/\s+|\S+/g) ?? [];

/** A longest-common-subsequence word diff, merged into runs like the core's `word_diff`. */
export function wordDiff(old: string, next: string): WordChange[] {
  const a = tokens(old);
  const b = tokens(next);
  const lcs = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  }
  const changes: WordChange[] = [];
  const push = (kind: ChangeKind, text: string) => {
    const last = changes[changes.length - 1];
    if (last?.kind === kind) last.text += text;
    else changes.push({ kind, text });
  };
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      push('same', a[i]);
      i++;
      j++;
    } else if (j < b.length && (i === a.length || lcs[i][j + 1] > lcs[i + 1][j])) push('inserted', b[j++]);
    else push('removed', a[i++]);
  }
  return changes;
}

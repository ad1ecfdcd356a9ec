import type { ClipView, MediaInfo, RunSummary, RunView } from '../ipc/bindings.gen';
import { isTerminal, statusRank } from './status';

/** Of two snapshots of the same clip, the one further along (ties: the incoming one). */
export function newerClip(current: ClipView, incoming: ClipView): ClipView {
  return statusRank(incoming.status) >= statusRank(current.status) ? incoming : current;
}

/** The run with one clip snapshot merged in; unchanged (same object) if the clip belongs elsewhere. */
export function mergeClip(run: RunView, clip: ClipView): RunView {
  if (clip.run_id !== run.run_id) return run;
  const index = run.clips.findIndex((c) => c.id === clip.id);
  const clips = [...run.clips];
  if (index === -1) clips.push(clip);
  else clips[index] = newerClip(clips[index], clip);
  return { ...run, clips };
}

/** The history line for a run, derived the same way the library computes it. */
export function summarizeRun(run: RunView): RunSummary {
  const count = (pred: (c: ClipView) => boolean) => run.clips.filter(pred).length;
  return {
    run_id: run.run_id,
    prompt: run.prompt,
    created_at: run.created_at,
    models: run.clips.map((c) => c.model),
    clip_count: run.clips.length,
    succeeded: count((c) => c.status === 'succeeded'),
    failed: count((c) => c.status === 'failed' || c.status === 'unknown' || c.status === 'canceled'),
    running: count((c) => !isTerminal(c.status)),
    estimated_cost_usd: run.estimated_cost_usd,
    cost_usd: run.clips.reduce((sum, c) => sum + (c.cost_usd ?? 0), 0),
    cost_billed_usd: run.clips.reduce((sum, c) => sum + (c.cost_kind === 'billed' ? (c.cost_usd ?? 0) : 0), 0),
    cost_estimated_usd: run.clips.reduce((sum, c) => sum + (c.cost_kind === 'billed' ? 0 : (c.cost_usd ?? 0)), 0),
    demo: run.demo,
    best_rating: run.clips.reduce<number | null>((best, c) => (c.rating != null && c.rating > (best ?? 0) ? c.rating : best), null),
    parent_run_id: run.parent_run_id,
    winner_clip_id: run.winner_clip_id,
  };
}

/** Puts a summary at the top of the history, replacing any older line for the same run. */
export function upsertSummary(history: RunSummary[], summary: RunSummary): RunSummary[] {
  const existing = history.findIndex((s) => s.run_id === summary.run_id);
  if (existing === -1) return [summary, ...history];
  const copy = [...history];
  copy[existing] = summary;
  return copy;
}

/**
 * Where a finished clip plays from. WebKitGTK only plays http(s) video, so clips are served
 * by the app's loopback server; each path segment is encoded for odd characters in names.
 */
export function clipMediaUrl(media: MediaInfo | null, clip: ClipView): string | null {
  if (!media?.base_url || !clip.media_path) return null;
  const path = clip.media_path.split('/').map(encodeURIComponent).join('/');
  return `${media.base_url.replace(/\/+$/, '')}/${path}`;
}

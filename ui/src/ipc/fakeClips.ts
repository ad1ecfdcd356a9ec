// The fake backend's clip rows and remix planning, following dailies-core: a new clip
// starts `pending` with no result; a remix keeps its source's model, length and size
// (extensions: `fakeExtend.ts`).
import type { ClipView, ModelInfo, PlannedClip, RunPlan, RunView } from './bindings.gen';
import { invalid } from './fakeErrors';


/** The last 8 characters of an id, as the CLI prints it. */
export const shortId = (id: string) => id.slice(-8);

export function newClipView(runId: string, index: number, planned: PlannedClip, demo: boolean): ClipView {
  return {
    id: `${runId}_c${index + 1}`, run_id: runId, model: planned.model, model_name: planned.model_name, route: planned.route,
    endpoint: planned.endpoint, status: 'pending', error: null, resolved: planned.resolved, parity: planned.parity,
    estimated_cost_usd: planned.estimated_cost_usd, cost_usd: null, cost_kind: null, billed_cost_usd: null,
    latency_ms: { queued: null, generating: null, downloading: null, total: null }, provider_job_id: null,
    queue_position: null, progress: null, submitted_at_ms: null, started_at_ms: null, file: null, media_path: null,
    width: null, height: null, duration_s: null, has_audio: null, fps: null, frame_count: null, demo, remix_of: planned.remix_of, continues: planned.continues ?? null, rating: null,
    take: planned.take ?? 1, tags: [], note: null, poster_path: null, eta: null,
  };
}

/** Like `Studio::plan_remix`: only a finished clip on a route with `remix`, with a prompt. */
export function planRemix(catalog: ModelInfo[], source: ClipView, run: RunView, prompt: string, demo: boolean): RunPlan {
  const text = prompt.trim();
  if (!text) throw invalid('prompt: must not be empty');
  const route = catalog.find((m) => m.id === source.model)?.routes.find((r) => r.route === source.route);
  if (!route?.remix) {
    const remixable = catalog.flatMap((m) => m.routes.filter((r) => r.remix).map((r) => `${m.id}@${r.route}`));
    throw invalid(`clip: ${source.model}@${source.route} clips cannot be remixed; remix works on clips from ${remixable.join(', ')}`);
  }
  if (source.status !== 'succeeded') throw invalid(`clip: only a finished clip can be remixed; this one is ${source.status}`);
  if (source.demo !== demo) {
    throw invalid(source.demo ? 'clip: this clip was made with the demo providers; turn demo on to remix it' : 'clip: this clip was made on your own key; turn demo off to remix it');
  }
  const resolved = { ...source.resolved, prompt: text, shots: undefined, start_image: undefined, end_image: undefined };
  const clip: PlannedClip = {
    model: source.model, model_name: source.model_name, route: route.route, endpoint: source.endpoint, resolved,
    parity: [{ param: 'remix', asked: source.id, ran: source.id, message: `remix of ${shortId(source.id)}: ${resolved.duration_s} s at ${resolved.resolution} as the source` }],
    estimated_cost_usd: source.estimated_cost_usd, usd_per_second: route.usd_per_second, lifecycle: route.lifecycle, remix_of: source.id,
    continues: 'remix', take: 1,
  };
  const params = { ...run.params, prompt: text, shots: undefined, start_image: undefined, end_image: undefined };
  // A continuation is a child of its source's run, so the lineage shows both.
  return { params, clips: [clip], estimated_cost_usd: clip.estimated_cost_usd, demo, parent_run_id: run.run_id };
}

/** What finished or running clip states say when asked to cancel, like the core's errors. */
export function nothingToCancel(status: ClipView['status']): string | null {
  const state: Partial<Record<ClipView['status'], string>> = {
    succeeded: 'done', failed: 'failed', canceled: 'canceled', unknown: 'in an unknown state (it may have been charged)',
    downloading: 'generated and downloading',
  };
  return state[status] ? `clip: nothing to cancel; this clip is already ${state[status]}` : null;
}

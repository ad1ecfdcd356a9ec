// The fake backend's extension planning, following `Studio::plan_extend`: only a finished clip
// on a route with an extend endpoint, at one of its documented lengths; the extension keeps
// the source's model, route, aspect, resolution and audio, and is a child run of the source's run.
import type { ClipView, ExtendRequest, ModelInfo, PlannedClip, RunPlan, RunView } from './bindings.gen';
import { invalid } from './fakeErrors';
import { shortId } from './fakeClips';

/** Every `model@route` whose route can extend, as the core's refusal lists them. */
export function extendableRoutes(catalog: ModelInfo[]): string[] {
  return catalog.flatMap((m) => m.routes.filter((r) => r.extend).map((r) => `${m.id}@${r.route}`));
}

export function planExtend(catalog: ModelInfo[], source: ClipView, run: RunView, request: ExtendRequest, demo: boolean): RunPlan {
  const route = catalog.find((m) => m.id === source.model)?.routes.find((r) => r.route === source.route);
  const extend = route?.extend;
  if (!route || !extend) {
    throw invalid(`clip: ${source.model}@${source.route} clips cannot be extended; extend works on clips from ${extendableRoutes(catalog).join(', ')}`);
  }
  if (source.status !== 'succeeded') throw invalid(`clip: only a finished clip can be extended; this one is ${source.status}`);
  if (source.demo !== demo) {
    throw invalid(source.demo ? 'clip: this clip was made with the demo providers; turn demo on to continue it' : 'clip: this clip was made on your own key; turn demo off to continue it');
  }
  const seconds = request.duration_s ?? extend.default_duration;
  if (!extend.durations.includes(seconds)) {
    const allowed = extend.durations.join(', ');
    throw invalid(`duration: ${source.model}@${source.route} extends by ${allowed} s, not ${seconds} s; allowed values: ${allowed}`);
  }
  const prompt = request.prompt?.trim() || source.resolved.prompt;
  const resolved = { ...source.resolved, prompt, duration_s: seconds, shots: undefined, start_image: undefined, end_image: undefined };
  const estimated_cost_usd = Math.round(extend.usd_per_second * seconds * 1000) / 1000;
  if (request.max_cost_usd != null && estimated_cost_usd > request.max_cost_usd + 1e-9) {
    throw invalid(`max-cost: estimated $${estimated_cost_usd.toFixed(2)} exceeds --max-cost $${request.max_cost_usd.toFixed(2)}`);
  }
  const clip: PlannedClip = {
    model: source.model, model_name: source.model_name, route: route.route, endpoint: extend.endpoint, resolved,
    parity: [{ param: 'extend', asked: source.id, ran: source.id, message: `extension of ${shortId(source.id)}: ${seconds} s more at ${resolved.resolution} ${resolved.aspect}` }],
    estimated_cost_usd, usd_per_second: extend.usd_per_second, lifecycle: route.lifecycle, remix_of: source.id,
    continues: 'extend', take: 1,
  };
  const params = { ...run.params, prompt, duration_s: seconds, shots: undefined, start_image: undefined, end_image: undefined };
  return { params, clips: [clip], estimated_cost_usd, demo, parent_run_id: run.run_id };
}

// A TypeScript echo of dailies-core's parity + price rules, for the fake backend only.
// The real answers come from Rust's plan_run; this just needs to behave the same way.
import type {
  CanonicalParams,
  CompareRequest,
  IpcError,
  ModelInfo,
  ParityNote,
  PlannedClip,
  ResolvedParams,
  RouteInfo,
} from './bindings.gen';

const invalid = (message: string): IpcError => ({ code: 'invalid_input', message });

const resolutionRank = (label: string) => (label.toLowerCase() === '4k' ? 2160 : parseInt(label, 10) || 0);
const aspectLog = (label: string) => {
  const [w, h] = label.split(':').map(Number);
  return w > 0 && h > 0 ? Math.log(w / h) : 0;
};

/** Closest allowed value; ties go to the larger one, exactly like the Rust `nearest_up`. */
function nearestUp<T>(allowed: T[], asked: T, key: (v: T) => number, target: number): T {
  if (allowed.includes(asked)) return asked;
  let best = allowed[0];
  for (const v of allowed) {
    const dist = Math.abs(key(v) - target);
    const bestDist = Math.abs(key(best) - target);
    if (dist < bestDist - 1e-9 || (Math.abs(dist - bestDist) <= 1e-9 && key(v) > key(best))) best = v;
  }
  return best;
}

const onOff = (b: boolean) => (b ? 'on' : 'off');

export function resolveParams(name: string, spec: RouteInfo, asked: CanonicalParams, strict: boolean) {
  const notes: ParityNote[] = [];
  const note = (param: string, a: string, ran: string, message: string, allowed: string[]) => {
    if (strict) throw invalid(`${param}: ${name} does not allow ${a}; allowed values: ${allowed.join(', ')}`);
    notes.push({ param, asked: a, ran, message });
  };
  let duration_s = spec.default_duration;
  if (asked.duration_s != null) {
    duration_s = nearestUp(spec.durations, asked.duration_s, (v) => v, asked.duration_s);
    if (duration_s !== asked.duration_s)
      note('duration', `${asked.duration_s}`, `${duration_s}`, `asked ${asked.duration_s} s → ran ${duration_s} s`, spec.durations.map(String));
  }
  let aspect = spec.default_aspect;
  if (asked.aspect != null) {
    aspect = nearestUp(spec.aspects, asked.aspect, aspectLog, aspectLog(asked.aspect));
    if (aspect !== asked.aspect) note('aspect', asked.aspect, aspect, `asked ${asked.aspect} → ran ${aspect}`, spec.aspects);
  }
  let resolution = spec.default_resolution;
  if (asked.resolution != null) {
    resolution = nearestUp(spec.resolutions, asked.resolution, resolutionRank, resolutionRank(asked.resolution));
    if (resolution !== asked.resolution)
      note('resolution', asked.resolution, resolution, `asked ${asked.resolution} → ran ${resolution}`, spec.resolutions);
  }
  let audio = spec.default_audio;
  if (asked.audio != null) {
    audio = spec.audio.includes(asked.audio) ? asked.audio : !asked.audio;
    if (audio !== asked.audio)
      note('audio', onOff(asked.audio), onOff(audio), asked.audio ? 'audio not supported' : 'audio always on', spec.audio.map(onOff));
  }
  let negative_prompt = asked.negative_prompt?.trim() ? asked.negative_prompt : undefined;
  if (negative_prompt && !spec.negative_prompt) {
    note('negative', negative_prompt, '', 'negative prompt ignored', ['(not supported)']);
    negative_prompt = undefined;
  }
  let seed = asked.seed;
  if (seed != null && !spec.seed) {
    note('seed', `${seed}`, '', 'seed ignored', ['(not supported)']);
    seed = undefined;
  }
  const resolved: ResolvedParams = { prompt: asked.prompt, duration_s, aspect, resolution, audio };
  if (negative_prompt) resolved.negative_prompt = negative_prompt;
  if (seed != null) resolved.seed = seed;
  return { resolved, notes };
}

function priceRule(spec: RouteInfo, p: ResolvedParams) {
  return spec.price.rules.find(
    (r) => (r.audio == null || r.audio === p.audio) && (r.resolution == null || r.resolution === p.resolution),
  );
}

export function usdPerSecond(spec: RouteInfo, p: ResolvedParams): number {
  const rule = priceRule(spec, p);
  if (rule?.usd_per_second != null) return rule.usd_per_second;
  if (rule?.usd_per_clip != null) return rule.usd_per_clip / p.duration_s;
  return 0;
}

export function estimateUsd(spec: RouteInfo, p: ResolvedParams): number {
  const rule = priceRule(spec, p);
  const raw = rule?.usd_per_second != null ? rule.usd_per_second * p.duration_s : (rule?.usd_per_clip ?? 0);
  return Math.round(raw * 1000) / 1000;
}

/** The price-per-second the picker shows: at the route's own defaults. */
export function defaultUsdPerSecond(spec: RouteInfo): number {
  const p: ResolvedParams = { prompt: '', duration_s: spec.default_duration, aspect: spec.default_aspect, resolution: spec.default_resolution, audio: spec.default_audio };
  return Math.round(usdPerSecond(spec, p) * 1000) / 1000;
}

/** Validates and prices a request the way plan_run does. Throws IpcError on bad input. */
export function planClips(catalog: ModelInfo[], request: CompareRequest): PlannedClip[] {
  if (!request.params.prompt.trim()) throw invalid('prompt: must not be empty');
  if (request.models.length === 0) throw invalid('model: no model is selected; pick at least one');
  return request.models.map((selector) => {
    const [id, routeId] = selector.split('@');
    const model = catalog.find((m) => m.id === id);
    if (!model) throw invalid(`model: unknown model '${id}'`);
    const spec = routeId ? model.routes.find((r) => r.route === routeId) : model.routes[0];
    if (!spec) throw invalid(`model: ${id} is not offered through route '${routeId}'; available routes: ${model.routes.map((r) => r.route).join(', ')}`);
    const { resolved, notes } = resolveParams(model.name, spec, request.params, request.strict);
    return {
      model: model.id,
      model_name: model.name,
      route: spec.route,
      endpoint: spec.endpoint,
      resolved,
      parity: notes,
      estimated_cost_usd: estimateUsd(spec, resolved),
      usd_per_second: usdPerSecond(spec, resolved),
      lifecycle: spec.lifecycle,
    };
  });
}

/** Nominal pixel size for a resolution label and aspect ("1080p", "9:16" → 1080×1920), as a probe would report. */
export function clipDimensions(resolution: string, aspect: string): { width: number; height: number } {
  const short = resolutionRank(resolution) || 720;
  const [w, h] = aspect.split(':').map(Number);
  const ratio = w > 0 && h > 0 ? w / h : 16 / 9;
  // Sora's "1024p" tier is 1792×1024, not a true 16:9 frame.
  const long = resolution === '1024p' ? 1792 : Math.round((short * Math.max(ratio, 1 / ratio)) / 2) * 2;
  return ratio >= 1 ? { width: long, height: short } : { width: short, height: long };
}

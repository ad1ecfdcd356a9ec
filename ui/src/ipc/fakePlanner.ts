// A TypeScript echo of dailies-core's parity + price rules, for the fake backend only.
// The real answers come from Rust's plan_run; this just needs to behave the same way.
import type {
  CanonicalParams,
  CompareRequest,
  ModelInfo,
  ParityNote,
  PlannedClip,
  ResolvedParams,
  RouteInfo,
  Shot,
} from './bindings.gen';
import { planImages, type FakeImageFacts } from './fakeImages';
import { invalid } from './fakeErrors';
import { checkedTakes, expandTakes } from './fakeIterate';


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

const seconds = (shots: Shot[]) => shots.reduce((sum, s) => sum + s.duration_s, 0);

/** Resolves asked values against what the route takes, all of it read from its RouteInfo. */
export function resolveParams(label: string, spec: RouteInfo, asked: CanonicalParams, strict: boolean) {
  const notes: ParityNote[] = [];
  const note = (param: string, a: string, ran: string, message: string, allowed: string[]) => {
    if (strict) throw invalid(`${param}: ${label} does not allow ${a}; allowed values: ${allowed.join(', ')}`);
    notes.push({ param, asked: a, ran, message });
  };
  let prompt = asked.prompt;
  let askedDuration = asked.duration_s;
  let shots: Shot[] | undefined;
  const list = asked.shots ?? [];
  const maxShots = spec.max_shots;
  if (list.length > 0 && maxShots === 0) {
    note('shots', `${list.length} shots`, '1', 'multi-shot not supported: shots joined into one prompt', ['(not supported)']);
    const joined = list.map((s, i) => `Shot ${i + 1} (${s.duration_s} s): ${s.prompt}`).join(' ');
    prompt = [prompt.trim(), joined].join(' ').trim();
    askedDuration = askedDuration ?? seconds(list);
  } else if (list.length > 0) {
    shots = list.slice(0, maxShots);
    if (list.length > maxShots)
      note('shots', `${list.length} shots`, `${maxShots}`, `only the first ${maxShots} shots run`, [`up to ${maxShots} shots`]);
    askedDuration = seconds(shots);
  }
  let cfg_scale: number | undefined;
  if (asked.cfg_scale != null) {
    const c = asked.cfg_scale;
    if (!spec.cfg_scale) note('cfg', `${c}`, '', 'cfg scale ignored', ['(not supported)']);
    else {
      const [lo, hi] = spec.cfg_scale;
      cfg_scale = Math.min(hi, Math.max(lo, c));
      if (cfg_scale !== c) note('cfg', `${c}`, `${cfg_scale}`, `asked cfg ${c} → ran ${cfg_scale}`, [`${lo}–${hi}`]);
    }
  }
  let duration_s = spec.default_duration;
  if (askedDuration != null) {
    duration_s = nearestUp(spec.durations, askedDuration, (v) => v, askedDuration);
    if (duration_s !== askedDuration)
      note('duration', `${askedDuration}`, `${duration_s}`, `asked ${askedDuration} s → ran ${duration_s} s`, spec.durations.map(String));
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
  const resolved: ResolvedParams = { prompt, duration_s, aspect, resolution, audio };
  if (negative_prompt) resolved.negative_prompt = negative_prompt;
  if (seed != null) resolved.seed = seed;
  if (cfg_scale != null) resolved.cfg_scale = cfg_scale;
  if (shots) resolved.shots = shots;
  if (asked.start_image) resolved.start_image = asked.start_image;
  if (asked.end_image) resolved.end_image = asked.end_image;
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
export function planClips(
  catalog: ModelInfo[],
  request: CompareRequest,
  imageFacts: (path: string) => FakeImageFacts | undefined = () => undefined,
  /** Takes per `model@route`; by default the request's own `takes` for every model. */
  takesOf?: (label: string) => number,
): PlannedClip[] {
  const takes = checkedTakes(request.takes);
  if (!request.params.prompt.trim()) throw invalid('prompt: must not be empty');
  if (request.models.length === 0) throw invalid('model: no model is selected; pick at least one');
  for (const [field, path] of [['start-image', request.params.start_image], ['end-image', request.params.end_image]]) {
    if (path && !imageFacts(path)) throw invalid(`${field}: '${path} (no such file)' is not valid; allowed values: a readable image file`);
  }
  return request.models.flatMap((selector) => {
    const [id, routeId] = selector.split('@');
    const model = catalog.find((m) => m.id === id);
    if (!model) throw invalid(`model: unknown model '${id}'`);
    const spec = routeId ? model.routes.find((r) => r.route === routeId) : model.routes[0];
    if (!spec) throw invalid(`model: ${id} is not offered through route '${routeId}'; available routes: ${model.routes.map((r) => r.route).join(', ')}`);
    const { resolved, notes } = resolveParams(`${model.id}@${spec.route}`, spec, request.params, request.strict ?? false);
    const imageInput = { label: `${model.id}@${spec.route}`, route: spec, strict: request.strict ?? false, crop: request.crop ?? false, facts: imageFacts };
    planImages(resolved, notes, imageInput);
    const planned: PlannedClip = {
      model: model.id,
      model_name: model.name,
      route: spec.route,
      endpoint: spec.endpoint,
      resolved,
      parity: notes,
      estimated_cost_usd: estimateUsd(spec, resolved),
      usd_per_second: usdPerSecond(spec, resolved),
      lifecycle: spec.lifecycle,
      remix_of: null,
      take: 1,
    };
    const n = takesOf ? takesOf(`${model.id}@${spec.route}`) : takes;
    return expandTakes(planned, n, request.params.seed, spec.seed);
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

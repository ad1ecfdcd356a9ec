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
import { checkElements, planElements } from './fakeElements';
import { checkMotion, planMotion } from './fakeMotion';
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

const mmss = (t: number) => `${String(Math.floor(t / 60)).padStart(2, '0')}:${String(t % 60).padStart(2, '0')}`;

/** A prose shot template filled in per shot, after the prompt (dailies-core `ShotForm::prose`). */
export function shotProse(template: string, joiner: string, prompt: string, list: Shot[]): string {
  // Inline, each part ends as a sentence so the shots don't run into the prompt.
  const sentence = (raw: string) => {
    const text = raw.trim();
    const ended = text === '' || /[.!?…:;")]$/.test(text);
    return ended || joiner.includes('\n') ? text : `${text}.`;
  };
  let start = 0;
  const parts = list.map((s, i) => {
    const end = start + s.duration_s;
    const text = template
      .replaceAll('{n}', `${i + 1}`)
      .replaceAll('{seconds}', `${s.duration_s}`)
      .replaceAll('{start}', mmss(start))
      .replaceAll('{end}', mmss(end))
      .replaceAll('{start_s}', `${start}`)
      .replaceAll('{end_s}', `${end}`)
      .replaceAll('{text}', s.prompt.trim());
    start = end;
    return sentence(text);
  });
  const body = parts.join(joiner);
  return prompt.trim() ? `${sentence(prompt)}${joiner}${body}` : body;
}

/** Makes a structured shot list last exactly `total` seconds (dailies-core `fit_total`). */
function fitTotal(list: Shot[], total: number): void {
  const sum = seconds(list);
  if (total > sum && list.length > 0) {
    list[list.length - 1].duration_s += total - sum;
    return;
  }
  let excess = sum - total;
  while (excess > 0 && list.length > 0) {
    const last = list[list.length - 1];
    const give = Math.min(excess, last.duration_s - 1);
    last.duration_s -= give;
    excess -= give;
    if (excess > 0 && list.length > 1) excess -= list.pop()?.duration_s ?? 0;
    else if (excess > 0) return;
  }
}

const OVERRIDABLE = ['prompt', 'negative', 'seed', 'cfg', 'duration', 'audio'] as const;

/** The params one model+route runs with and the fields an override changed (dailies-core `overrides::apply`). */
export function applyOverrides(params: CanonicalParams, id: string, route: string): { asked: CanonicalParams; overridden: string[] } {
  const asked: CanonicalParams = { ...params };
  delete asked.overrides;
  const label = `${id}@${route}`.toLowerCase();
  const all = params.overrides ?? [];
  const mine = [...all.filter((o) => o.model.trim().toLowerCase() === id.toLowerCase()), ...all.filter((o) => o.model.trim().toLowerCase() === label)];
  const fields = new Set<string>();
  for (const o of mine) {
    const set = (field: string, apply: () => void) => {
      apply();
      fields.add(field);
    };
    if (o.prompt != null) set('prompt', () => (asked.prompt = o.prompt!.trim()));
    if (o.negative_prompt != null) set('negative', () => (asked.negative_prompt = o.negative_prompt));
    if (o.seed != null) set('seed', () => (asked.seed = o.seed));
    if (o.cfg_scale != null) set('cfg', () => (asked.cfg_scale = o.cfg_scale));
    if (o.duration_s != null) set('duration', () => (asked.duration_s = o.duration_s));
    if (o.audio != null) set('audio', () => (asked.audio = o.audio));
  }
  return { asked, overridden: OVERRIDABLE.filter((f) => fields.has(f)) };
}

/** Refuses overrides the core refuses (dailies-core `overrides::check`), with the same field names. */
function checkOverrides(params: CanonicalParams, models: string[]): void {
  const seen: string[] = [];
  for (const o of params.overrides ?? []) {
    const named = o.model.trim().toLowerCase();
    const names = (spec: string) => {
      const s = spec.trim().toLowerCase();
      return named === s || named === s.split('@')[0] || named.split('@')[0] === s;
    };
    if (!models.some(names)) throw invalid(`override: '${o.model.trim()}' is not valid; allowed values: ${models.join(', ')}`);
    const set = [o.prompt, o.negative_prompt, o.seed, o.cfg_scale, o.duration_s, o.audio].some((v) => v != null);
    if (!set) throw invalid(`override: ${o.model.trim()}: names no field; set prompt, negative, seed, cfg, duration or audio`);
    if (seen.includes(named)) throw invalid(`override: ${o.model.trim()}: overridden twice; give each field once per model`);
    seen.push(named);
    if (o.prompt != null && !o.prompt.trim()) throw invalid(`override.prompt: ${o.model.trim()}: must not be empty`);
  }
}

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
  const template = spec.shot_template;
  if (list.length > 0 && !template.structured) {
    // The route's own prose form (catalog/shots.toml), after the prompt.
    note('shots', `${list.length} shots`, '1', 'multi-shot not supported: shots written into the prompt', ['(not supported)']);
    prompt = shotProse(template.shot, template.joiner, prompt, list);
    askedDuration = askedDuration ?? seconds(list);
  } else if (list.length > 0) {
    shots = list.slice(0, maxShots).map((s) => ({ ...s }));
    if (list.length > maxShots)
      note('shots', `${list.length} shots`, `${maxShots}`, `only the first ${maxShots} shots run`, [`up to ${maxShots} shots`]);
    const total = seconds(shots);
    const fitted = nearestUp(spec.durations, total, (v) => v, total);
    if (fitted !== total) {
      note('shots', `${total} s`, `${fitted} s`, `shots total ${total} s → ran ${fitted} s (last shot adjusted)`, [`up to ${maxShots} shots`]);
      fitTotal(shots, fitted);
    }
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
  /** The length of an imported reference video (the fake's `import_video`). */
  videoSeconds: (path: string) => number | undefined = () => undefined,
): PlannedClip[] {
  const takes = checkedTakes(request.takes);
  if (!request.params.prompt.trim()) throw invalid('prompt: must not be empty');
  if (request.models.length === 0) throw invalid('model: no model is selected; pick at least one');
  for (const [field, path] of [['start-image', request.params.start_image], ['end-image', request.params.end_image]]) {
    if (path && !imageFacts(path)) throw invalid(`${field}: '${path} (no such file)' is not valid; allowed values: a readable image file`);
  }
  checkElements(request.params, imageFacts);
  const referenceSeconds = checkMotion(request.params.motion, request.params.start_image, videoSeconds);
  checkOverrides(request.params, request.models);
  return request.models.flatMap((selector) => {
    const [id, routeId] = selector.split('@');
    const model = catalog.find((m) => m.id === id);
    if (!model) throw invalid(`model: unknown model '${id}'`);
    const spec = routeId ? model.routes.find((r) => r.route === routeId) : model.routes[0];
    if (!spec) throw invalid(`model: ${id} is not offered through route '${routeId}'; available routes: ${model.routes.map((r) => r.route).join(', ')}`);
    const { asked, overridden } = applyOverrides(request.params, model.id, spec.route);
    const { resolved, notes } = resolveParams(`${model.id}@${spec.route}`, spec, asked, request.strict ?? false);
    if (overridden.length > 0) resolved.overridden = overridden;
    const imageInput = { label: `${model.id}@${spec.route}`, route: spec, strict: request.strict ?? false, crop: request.crop ?? false, facts: imageFacts };
    planImages(resolved, notes, imageInput);
    const elements = request.params.elements ?? [];
    const elementsPrice = planElements(resolved, notes, { label: imageInput.label, route: spec, strict: imageInput.strict, elements });
    const motion = planMotion(resolved, notes, {
      label: imageInput.label,
      route: spec,
      strict: imageInput.strict,
      motion: request.params.motion,
      seconds: referenceSeconds,
      askedDuration: request.params.duration_s != null,
      catalog,
    });
    // Elements and motion control have their own prices on some routes (Kling 3.0 on fal): the core's `price_for`.
    const price = motion?.price ?? elementsPrice;
    const priceSpec = price ? { ...spec, price } : spec;
    const planned: PlannedClip = {
      model: model.id,
      model_name: model.name,
      route: spec.route,
      // Kling O3 sends elements to its reference-to-video endpoint.
      endpoint: motion?.endpoint ?? (resolved.elements?.length ? spec.elements?.endpoint : null) ?? spec.endpoint,
      resolved,
      parity: notes,
      estimated_cost_usd: estimateUsd(priceSpec, resolved),
      usd_per_second: usdPerSecond(priceSpec, resolved),
      lifecycle: spec.lifecycle,
      remix_of: null,
      take: 1,
    };
    const n = takesOf ? takesOf(`${model.id}@${spec.route}`) : takes;
    return expandTakes(planned, n, asked.seed, spec.seed);
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

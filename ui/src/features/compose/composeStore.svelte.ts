// The compose form, the model selection and the live plan (estimate + parity notes).
import * as backend from '../../ipc/backend';
import type { CanonicalParams, ClipView, CompareRequest, ModelInfo, ModelOverride, RunPlan, RunView, Shot } from '../../ipc/bindings.gen';
import type { IpcError } from '../../ipc/errors';
import { cfgSupport, selectedRoutes, shotSupport, startImageBlocker } from '../../lib/capabilities';
import { ImagePicks } from './imagePicks.svelte';
import { MotionPick } from './motionPick.svelte';
import { ElementPicks } from '../elements/elementPicks.svelte';

/** Debounce for plan_run: fast enough to feel live, slow enough not to plan every keystroke. */
export const PLAN_DEBOUNCE_MS = 200;

export class ComposeStore {
  prompt = $state('');
  negative = $state('');
  /** null = each model's own default. */
  duration = $state<number | null>(5);
  aspect = $state<string | null>('16:9');
  resolution = $state<string | null>('1080p');
  audio = $state(true);
  seed = $state<number | null>(null);
  /** Sent only while a selected route takes cfg; those without say "cfg scale ignored" in their parity notes. */
  cfgScale = $state<number | null>(null);
  /** Multi-shot list; when non-empty its seconds add up to the duration. */
  shots = $state<Shot[]>([]);
  images = new ImagePicks();
  /** The element library and the elements picked for @Element1, @Element2…. */
  elements = new ElementPicks();
  /** Motion control: a reference video whose motion the start image's character performs. */
  motion = new MotionPick();
  strict = $state(false);
  /** Clips per model (1–8), each with its own seed where the route takes one; the estimate scales with it. */
  takes = $state(1);
  /** Selected `model@route` keys, in the order they were ticked (tiles follow this order). */
  selected = $state<string[]>([]);
  /** Per-model exceptions, keyed by `model@route`; only ticked models' are sent. */
  overrides = $state<Record<string, ModelOverride>>({});

  plan = $state<RunPlan | null>(null);
  planError = $state<IpcError | null>(null);
  planning = $state(false);

  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The start image the current plan error was planned with. */
  private planErrorImage: string | null | undefined;
  private sequence = 0;
  /** Tells what each selected route takes (images, cfg, shots); set by the constructor. */
  private catalog: { readonly models: ModelInfo[] } = { models: [] };

  constructor(catalog?: { readonly models: ModelInfo[] }) {
    if (catalog) this.catalog = catalog;
  }

  /** The selected keys resolved against the catalog. */
  routes = $derived(selectedRoutes(this.catalog.models, this.selected));
  cfg = $derived(cfgSupport(this.routes));
  multiShot = $derived(shotSupport(this.routes));
  /** "Runway Gen-4 Turbo needs a start image" while an image-only model is ticked without one. */
  needsStartImage = $derived(startImageBlocker(this.routes, this.images.start != null));

  params = $derived.by((): CanonicalParams => {
    const p: CanonicalParams = { prompt: this.prompt.trim() };
    if (this.negative.trim()) p.negative_prompt = this.negative.trim();
    if (this.shots.length > 0) {
      p.shots = this.shots.map((s) => ({ prompt: s.prompt.trim(), duration_s: Math.max(1, Math.trunc(s.duration_s) || 1) }));
      p.duration_s = p.shots.reduce((sum, s) => sum + s.duration_s, 0);
    } else if (this.duration != null) p.duration_s = this.duration;
    if (this.aspect) p.aspect = this.aspect;
    if (this.resolution) p.resolution = this.resolution;
    p.audio = this.audio;
    if (this.seed != null && Number.isFinite(this.seed)) p.seed = Math.trunc(this.seed);
    if (this.cfgScale != null && Number.isFinite(this.cfgScale) && this.cfg.takers.length > 0) p.cfg_scale = this.cfgScale;
    if (this.images.start) p.start_image = this.images.start.path;
    if (this.images.end) p.end_image = this.images.end.path;
    const elements = this.elements.elements;
    if (elements.length > 0) p.elements = elements;
    if (this.motion.input) p.motion = { ...this.motion.input };
    const overrides = this.selected.map((k) => this.overrides[k]).filter((o): o is ModelOverride => o != null && overridesSomething(o));
    if (overrides.length > 0) p.overrides = overrides.map((o) => ({ ...o }));
    return p;
  });

  /** What the shots add up to, as sent (each shot at least 1 s). */
  shotsTotal = $derived(this.params.shots?.reduce((sum, s) => sum + s.duration_s, 0) ?? 0);

  request = $derived.by((): CompareRequest => {
    const request: CompareRequest = { params: this.params, models: this.selected, strict: this.strict };
    if (this.images.crop) request.crop = true;
    if (this.takes > 1) request.takes = this.takes;
    return request;
  });

  isSelected(key: string): boolean {
    return this.selected.includes(key);
  }

  toggle(key: string): void {
    this.selected = this.isSelected(key) ? this.selected.filter((k) => k !== key) : [...this.selected, key];
  }

  /** Sets (or with `undefined`, clears) one field of one model's override. */
  setOverride<K extends Exclude<keyof ModelOverride, 'model'>>(key: string, field: K, value: ModelOverride[K] | undefined): void {
    const current: ModelOverride = { ...(this.overrides[key] ?? { model: key }) };
    if (value === undefined || value === null || value === '') delete current[field];
    else current[field] = value;
    const next = { ...this.overrides };
    if (overridesSomething(current)) next[key] = current;
    else delete next[key];
    this.overrides = next;
  }

  clearOverrides(key: string): void {
    const next = { ...this.overrides };
    delete next[key];
    this.overrides = next;
  }

  addShot(): void {
    this.shots = [...this.shots, { prompt: '', duration_s: 5 }];
  }

  removeShot(index: number): void {
    this.shots = this.shots.filter((_, i) => i !== index);
  }

  /** Fills the form from a past run so it can be tweaked and run again. */
  reuse(run: RunView): void {
    this.prompt = run.prompt;
    this.negative = run.params.negative_prompt ?? '';
    this.duration = run.params.duration_s ?? null;
    this.aspect = run.params.aspect ?? null;
    this.resolution = run.params.resolution ?? null;
    this.audio = run.params.audio ?? true;
    this.seed = run.params.seed ?? null;
    this.cfgScale = run.params.cfg_scale ?? null;
    this.shots = (run.params.shots ?? []).map((s) => ({ ...s }));
    this.images.restore('start', run.params.start_image ?? undefined);
    this.images.restore('end', run.params.end_image ?? undefined);
    this.elements.restore(run.params.elements);
    this.motion.restore(run.params.motion);
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a throwaway de-duplication, never stored
    this.selected = [...new Set(run.clips.map((c) => `${c.model}@${c.route}`))];
    // A run's overrides name a model id or id@route; the form keys them by the ticked id@route.
    const restored: Record<string, ModelOverride> = {};
    for (const o of run.params.overrides ?? []) {
      const key = this.selected.find((k) => k === o.model || k.split('@')[0] === o.model);
      if (key) restored[key] = { ...o, model: key };
    }
    this.overrides = restored;
  }

  /**
   * Fills the form from one clip: the prompt and values that clip actually ran with (after
   * parity), on its own model, as one take. The seed is kept, so a good take can be reproduced.
   */
  recallClip(clip: ClipView): void {
    const r = clip.resolved;
    this.prompt = r.shots?.length ? '' : r.prompt;
    this.negative = r.negative_prompt ?? '';
    this.duration = r.duration_s;
    this.aspect = r.aspect;
    this.resolution = r.resolution;
    this.audio = r.audio;
    this.seed = r.seed ?? null;
    this.cfgScale = r.cfg_scale ?? null;
    this.shots = (r.shots ?? []).map((s) => ({ ...s }));
    this.images.restore('start', r.start_image ?? undefined);
    this.images.restore('end', r.end_image ?? undefined);
    this.elements.restore(r.elements);
    this.motion.restore(r.motion);
    this.takes = 1;
    this.selected = [`${clip.model}@${clip.route}`];
    // The clip's own values already include any override it ran with.
    this.overrides = {};
  }

  /**
   * Re-plans after a pause. plan_run refuses an empty prompt, but a creator wants the price
   * while still choosing models, so the estimate is planned with a stand-in prompt; the Run
   * button separately insists on a real one.
   */
  schedulePlan(request: CompareRequest = this.request): void {
    clearTimeout(this.timer);
    const ticket = ++this.sequence;
    if (request.models.length === 0) {
      this.plan = null;
      this.planError = null;
      this.planning = false;
      return;
    }
    // An error about the start image is out of date the moment another image is picked: on a
    // slow disk the old "needs a start image" would otherwise show until the new plan returns.
    if (this.planError?.field === 'start-image' && request.params.start_image !== this.planErrorImage) this.planError = null;
    const planned = request.params.prompt ? request : { ...request, params: { ...request.params, prompt: '(estimate)' } };
    this.planning = true;
    this.timer = setTimeout(async () => {
      try {
        const plan = await backend.planRun(planned);
        if (ticket !== this.sequence) return; // a newer edit already asked again
        this.plan = plan;
        this.planError = null;
      } catch (e) {
        if (ticket !== this.sequence) return;
        this.plan = null;
        this.planError = e as IpcError;
        this.planErrorImage = request.params.start_image;
      } finally {
        if (ticket === this.sequence) this.planning = false;
      }
    }, PLAN_DEBOUNCE_MS);
  }
}

/** An override that sets at least one field. */
export function overridesSomething(o: ModelOverride): boolean {
  return [o.prompt, o.negative_prompt, o.seed, o.cfg_scale, o.duration_s, o.audio].some((v) => v != null && v !== '');
}

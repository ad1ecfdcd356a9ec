// In-memory stand-in for the Rust shell, used in a plain browser and in unit tests.
// It simulates a run on timers: pending → submitting → queued → generating →
// downloading → succeeded, with made-up cost and latency, so every tile state can be seen.
import { previewOf } from './fakePreview';
import type { Backend } from './backend';
import type {
  AppSettings,
  CancelOutcome,
  ClipView,
  CompareRequest,
  ImportedImage,
  KeySource,
  KeyStatus,
  StatsSeriesQuery,
  LibraryQuery,
  LintRequest,
  ModelInfo,
  PlannedClip,
  PriceSpec,
  RemixRequest,
  ExtendRequest,
  RerunRequest,
  RouteId,
  RunPlan,
  RunSummary,
  RunView,
  VoteRequest,
} from './bindings.gen';
import { fakeCatalog } from './fakeCatalog';
import { createFakeCurate } from './fakeCurate';
import { createFakeMarkers } from './fakeMarkers';
import { createFakeVideos } from './fakeMotion';
import { createFakeElements } from './fakeElements';
import { lintAdvice } from './fakeLint';
import { newClipView, nothingToCancel, planRemix } from './fakeClips';
import { planExtend } from './fakeExtend';
import { modelStats, searchRuns } from './fakeLibrary';
import { searchClips, searchRunPage } from './fakeSearch';
import { CRITERIA, ratingBoard, type Vote } from '../lib/arena';
import { sniffImage, type FakeImageFacts } from './fakeImages';
import { clipDimensions, defaultUsdPerSecond, planClips } from './fakePlanner';
import { sampleRuns } from './fakeSamples';
import { historyRuns, historyVotes } from './fakeHistory';
import { statsSeries } from './fakeStats';
import { routeName } from '../lib/models';
import { summarizeRun } from '../lib/runs';
import { fail, invalid } from './fakeErrors';
import { fakeLibraryLocation } from './fakeLibraryLocation';
import { isTerminal } from '../lib/status';
import { fakeSettings } from './fakeSettings';
import { fakeEta } from './fakeEta';
import { lineage, rerunRequest } from './fakeIterate';

export interface FakeOptions {
  /** Start with demo on and a few finished runs in the library. */
  sample?: boolean;
  /** A playable URL every succeeded clip points at; empty means "no media". */
  videoUrl?: string;
  /** With `sample`: this many days of generated past runs (the browser demo's `?history`). */
  historyDays?: number;
  /** Multiplies every simulated delay (tests use small numbers with fake timers). */
  pace?: number;
  /** The models offered; the core's own catalog (`fixtures/catalog.gen.json`) unless a test
   *  needs a route the real catalog does not have. */
  catalog?: ModelInfo[];
}

const ROUTES: RouteId[] = ['fal', 'openai', 'replicate', 'kling', 'google', 'runway', 'luma', 'minimax', 'seedance'];
const ENV_VARS: Record<RouteId, string> = {
  fal: 'FAL_KEY', openai: 'OPENAI_API_KEY', replicate: 'REPLICATE_API_TOKEN', kling: 'KLING_ACCESS_KEY',
  google: 'GEMINI_API_KEY', runway: 'RUNWAYML_API_SECRET', luma: 'LUMAAI_API_KEY', minimax: 'MINIMAX_API_KEY',
  seedance: 'ARK_API_KEY',
};
/** Routes whose status endpoint reports a percentage. */
const REPORTS_PROGRESS = new Set<RouteId>(['openai', 'kling', 'runway']);
/**
 * Routes that report what they charged, as the core converts it: Kling in units of $0.14
 * (rounded up), BytePlus Ark in tokens (a little under the per-second estimate).
 */
const BILLED: Partial<Record<RouteId, (estimate: number) => number>> = {
  kling: (estimate) => Math.ceil(Math.round(estimate * 1000) / 140) * 0.14,
  seedance: (estimate) => estimate * 0.96,
};
const cents = (usd: number) => Math.round(usd * 1000) / 1000;
/** Routes without a cancel, with the reason their adapter gives. */
const NO_CANCEL: Partial<Record<RouteId, string>> = {
  openai: 'the Videos API has no cancel; the job runs to the end and may be charged',
  kling: "Kling's API has no cancel; the task runs to the end and failed tasks are not charged",
  google: 'the Gemini API does not cancel Veo operations; the job runs to the end and may be charged',
  minimax: 'the v1 video API has no cancel; the task runs to the end and may be charged',
};

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

export function createFakeBackend(options: FakeOptions = {}): Backend {
  const pace = options.pace ?? 1;
  const catalog = options.catalog ?? fakeCatalog();
  const settings: AppSettings = { demo: options.sample ?? false, data_dir: '~/.local/share/dailies (fake)' };
  const keys = new Map<RouteId, KeySource>(ROUTES.map((r) => [r, 'missing']));
  const runs: RunView[] = options.sample ? sampleRuns(catalog) : [];
  if (options.sample && options.historyDays) runs.push(...historyRuns(runs, options.historyDays));
  const listeners = new Set<(clip: ClipView) => void>();
  const priceOverrides = new Map<string, PriceSpec>();
  const images = new Map<string, FakeImageFacts>();
  const votes: (Vote & { criterion: string; run: string })[] = options.historyDays ? historyVotes(runs) : [];
  const imageFacts = (path: string) => images.get(path);
  const videos = createFakeVideos();
  let nextId = 1;
  const curate = createFakeCurate(runs, (clip) => listeners.forEach((listener) => listener(clip)), settings.data_dir, pace);

  const media = splitUrl(options.videoUrl ?? '');
  // Like the core's media folder: a clip's poster frame sits next to it as `<clip>.jpg`.
  const poster = media ? media.path.replace(/\.mp4$/i, '') + '.jpg' : null;
  for (const clip of runs.flatMap((r) => r.clips)) {
    if (clip.status === 'succeeded' && media) Object.assign(clip, { media_path: media.path, poster_path: poster });
  }
  const hasKey = (route: RouteId) => settings.demo || keys.get(route) !== 'missing';
  /** The catalog as it prices now: shipped routes with any override applied. */
  const effectiveCatalog = (): ModelInfo[] =>
    catalog.map((m) => ({
      ...m,
      routes: m.routes.map((r) => {
        const override = priceOverrides.get(`${m.id}@${r.route}`);
        return override ? { ...r, price: override, price_overridden: true } : r;
      }),
    }));
  const models = (): ModelInfo[] =>
    effectiveCatalog().map((m) => ({ ...m, routes: m.routes.map((r) => ({ ...r, usd_per_second: defaultUsdPerSecond(r), key_available: hasKey(r.route) })) }));
  const requireRoute = (model: string, route: RouteId) => {
    const found = catalog.find((m) => m.id === model)?.routes.some((r) => r.route === route);
    if (!found) throw invalid(`model: unknown model '${model}@${route}'`);
  };
  const keyStatus = (): KeyStatus[] => ROUTES.map((route) => ({ route, source: keys.get(route)!, env_var: ENV_VARS[route] }));
  const findRun = (runId: string) => {
    const run = runs.find((r) => r.run_id === runId);
    if (!run) throw fail('not_found', `run '${runId}' not found`);
    return run;
  };

  /** Clips canceled: their remaining timers change nothing. */
  const stopped = new Set<string>();

  function update(clip: ClipView, patch: Partial<ClipView>, force = false) {
    if (stopped.has(clip.id) && !force) return;
    Object.assign(clip, patch);
    clip.eta = fakeEta(clip, runs);
    for (const listener of listeners) listener(clone(clip));
  }

  /** Plays one clip's life on timers. Index staggers clips so tiles finish at different times. */
  function simulate(clip: ClipView, index: number, prompt: string, retired: boolean) {
    const at = (ms: number, step: () => void) => setTimeout(step, ms * pace);
    let t = 150 + index * 120;
    at(t, () => update(clip, { status: 'submitting', submitted_at_ms: Date.now() }));
    t += 450;
    if (retired) {
      at(t, () => update(clip, { status: 'failed', error: { code: 'endpoint_gone', message: `${clip.route} no longer offers ${clip.model_name}; nothing was charged.` }, latency_ms: { ...clip.latency_ms, total: 450 } }));
      return;
    }
    const queuedFor = 700 * (index + 1);
    for (let position = index + 1; position >= 1; position--) {
      at(t + (index + 1 - position) * 700, () => update(clip, { status: 'queued', queue_position: position, provider_job_id: `job_${clip.id}` }));
    }
    t += queuedFor;
    const generatingFor = 2600 + index * 1400;
    at(t, () => update(clip, { status: 'generating', queue_position: null, started_at_ms: Date.now(), progress: REPORTS_PROGRESS.has(clip.route as RouteId) ? 0 : null, latency_ms: { ...clip.latency_ms, queued: queuedFor } }));
    if (/policy/i.test(prompt) && clip.model.startsWith('kling')) {
      at(t + 1200, () => update(clip, { status: 'failed', progress: null, error: { code: 'content_policy', message: 'Kling rejected the prompt: content policy' }, latency_ms: { ...clip.latency_ms, total: queuedFor + 1200 + 450 } }));
      return;
    }
    if (REPORTS_PROGRESS.has(clip.route as RouteId)) {
      for (let step = 1; step < 5; step++) at(t + (generatingFor * step) / 5, () => update(clip, { progress: step * 20 }));
    }
    t += generatingFor;
    at(t, () => update(clip, { status: 'downloading', progress: null, latency_ms: { ...clip.latency_ms, generating: generatingFor } }));
    t += 500;
    at(t, () => finish(clip, { queued: queuedFor, generating: generatingFor, downloading: 500, total: 450 + queuedFor + generatingFor + 500 }));
  }

  function finish(clip: ClipView, latency: ClipView['latency_ms']) {
    const { width, height } = clipDimensions(clip.resolved.resolution, clip.resolved.aspect);
    const bill = BILLED[clip.route as RouteId];
    const billed = bill ? cents(bill(clip.estimated_cost_usd)) : null;
    update(clip, {
      status: 'succeeded', latency_ms: latency, cost_usd: billed ?? clip.estimated_cost_usd, cost_kind: billed == null ? 'estimated' : 'billed', billed_cost_usd: billed,
      width, height, duration_s: clip.resolved.duration_s, has_audio: clip.resolved.audio,
      // Real routes deliver 24 fps; the core reads the actual rate from the file.
      fps: 24, frame_count: clip.resolved.duration_s * 24,
      file: `/fake/${clip.id}.mp4`, media_path: media ? media.path : null, poster_path: poster,
    });
  }

  const findClip = (clipId: string) => {
    for (const run of runs) {
      const clip = run.clips.find((c) => c.id === clipId || c.id.endsWith(clipId));
      if (clip) return { clip, run };
    }
    throw fail('not_found', `clip '${clipId}' not found`);
  };

  /** Persists a planned run and plays its clips, as `Studio::start` does. */
  function begin(plan: RunPlan): RunView {
    const missing = plan.clips.find((c) => !hasKey(c.route));
    if (missing) throw invalid(`keys: no key for route '${missing.route}'; save one under Keys or set ${ENV_VARS[missing.route]} (or turn on Demo providers)`);
    const runId = `run_${String(nextId++).padStart(4, '0')}`;
    const run: RunView = {
      run_id: runId, prompt: plan.params.prompt, params: plan.params, created_at: new Date().toISOString(),
      estimated_cost_usd: plan.clips.reduce((s, c) => s + c.estimated_cost_usd, 0), demo: settings.demo,
      parent_run_id: plan.parent_run_id ?? null, winner_clip_id: null,
      clips: plan.clips.map((p, i) => newClipView(runId, i, p, settings.demo)).map((c) => ({ ...c, eta: fakeEta(c, runs) })),
    };
    runs.unshift(run);
    run.clips.forEach((clip, i) => simulate(clip, i, run.prompt, plan.clips[i].lifecycle.state === 'retired'));
    return clone(run);
  }

  // Spend as the core counts it: real (non-demo) clips, billed or else estimated.
  const spent = () =>
    runs.flatMap((r) => r.clips).filter((c) => !c.demo).reduce((sum, c) => sum + (c.cost_usd ?? c.estimated_cost_usd), 0);
  const settingsStore = fakeSettings(spent);
  const running = () => runs.flatMap((r) => r.clips).filter((c) => !isTerminal(c.status)).length;
  const libraryLocation = fakeLibraryLocation(settings.data_dir, running);
  function priced(request: CompareRequest, clips: PlannedClip[], parent: string | null): RunPlan {
    const total = clips.reduce((sum, c) => sum + c.estimated_cost_usd, 0);
    const estimated_cost_usd = Math.round(total * 1000) / 1000;
    if (request.max_cost_usd != null && estimated_cost_usd > request.max_cost_usd + 1e-9) {
      throw invalid(`max-cost: estimated $${estimated_cost_usd.toFixed(2)} exceeds --max-cost $${request.max_cost_usd.toFixed(2)}`);
    }
    return { params: clone(request.params), clips, estimated_cost_usd, demo: settings.demo, parent_run_id: parent };
  }

  /** Like `Studio::plan_rerun`: the run's clips picked, planned anew, the run recorded as parent. */
  function planRerun(req: RerunRequest): RunPlan {
    const parent = runs.find((r) => r.run_id === req.run_id.trim() || r.run_id.endsWith(req.run_id.trim()));
    if (!parent || !req.run_id.trim()) throw invalid(`run: no run '${req.run_id.trim()}' in this library (see \`dailies runs\`)`);
    const { request, takesOf } = rerunRequest(parent, req);
    return priced(request, planClips(effectiveCatalog(), request, imageFacts, takesOf, videos.seconds), parent.run_id);
  }

  return {
    ...settingsStore,
    ...curate,
    ...createFakeMarkers(runs),
    ...createFakeElements(imageFacts),
    libraryLocation: libraryLocation.libraryLocation,
    moveLibrary: libraryLocation.moveLibrary,
    restartApp: libraryLocation.restartApp,
    async listModels() {
      return clone(models());
    },
    async setPriceOverride(model: string, route: RouteId, price: PriceSpec) {
      requireRoute(model, route);
      if (price.rules.length === 0 || price.rules.some((r) => r.usd_per_second == null && r.usd_per_clip == null)) {
        throw invalid("price: '(empty rule)' is not valid; allowed values: at least one rule with usd_per_second or usd_per_clip");
      }
      priceOverrides.set(`${model}@${route}`, clone(price));
      return clone(models());
    },
    async clearPriceOverride(model: string, route: RouteId) {
      priceOverrides.delete(`${model}@${route}`);
      return clone(models());
    },
    importVideo: videos.importVideo,
    async importImage(fileName: string, bytes: Uint8Array): Promise<ImportedImage> {
      const facts = sniffImage(bytes);
      if (!facts) throw invalid(`image: '${fileName} (not a PNG, JPEG or WebP image)' is not valid; allowed values: png, jpeg, webp`);
      const path = `/fake/inputs/${String(images.size + 1).padStart(4, '0')}-${fileName.replace(/[^A-Za-z0-9.-]/g, '_')}`;
      images.set(path, facts);
      return { path, ...facts };
    },
    async lintPrompt(request: LintRequest) {
      return lintAdvice(request);
    },
    async planRun(request: CompareRequest) {
      const clips = planClips(effectiveCatalog(), request, imageFacts, undefined, videos.seconds);
      return priced(request, clips, null);
    },
    async previewRun(request: CompareRequest) {
      return previewOf(planClips(effectiveCatalog(), request, imageFacts, undefined, videos.seconds));
    },
    async startRun(request: CompareRequest) {
      const planned = planClips(effectiveCatalog(), request, imageFacts, undefined, videos.seconds);
      return begin(priced(request, planned, null));
    },
    async planRerun(request: RerunRequest) {
      return planRerun(request);
    },
    async startRerun(request: RerunRequest) {
      return begin(planRerun(request));
    },
    async runIteration(runId: string) {
      return clone(lineage(runs, findRun(runId).run_id));
    },
    async planRemix(request: RemixRequest) {
      const { clip, run } = findClip(request.clip_id);
      return planRemix(effectiveCatalog(), clip, run, request.prompt, settings.demo);
    },
    async startRemix(request: RemixRequest) {
      const { clip, run } = findClip(request.clip_id);
      return begin(planRemix(effectiveCatalog(), clip, run, request.prompt, settings.demo));
    },
    async planExtend(request: ExtendRequest) {
      const { clip, run } = findClip(request.clip_id);
      return planExtend(effectiveCatalog(), clip, run, request, settings.demo);
    },
    async startExtend(request: ExtendRequest) {
      const { clip, run } = findClip(request.clip_id);
      return begin(planExtend(effectiveCatalog(), clip, run, request, settings.demo));
    },
    async cancelClip(clipId: string): Promise<CancelOutcome> {
      const { clip } = findClip(clipId);
      const finished = nothingToCancel(clip.status);
      if (finished) throw invalid(finished);
      const name = routeName(clip.route);
      if (clip.status === 'pending') {
        stopped.add(clip.id);
        update(clip, { status: 'canceled', error: { code: 'canceled', message: 'Canceled before it was sent: nothing was charged.' } }, true);
        return { clip: clone(clip), message: 'Canceled before it was sent: nothing was charged.' };
      }
      const reason = NO_CANCEL[clip.route as RouteId];
      if (reason) throw fail('cancel_unsupported', `${name} cannot cancel a job it has accepted: ${reason}`);
      stopped.add(clip.id);
      setTimeout(() => update(clip, { status: 'canceled', queue_position: null, progress: null, error: { code: 'canceled', message: 'Canceled by you.' } }, true), 300 * pace);
      return { clip: clone(clip), message: `Cancel sent to ${name}; the clip ends when ${name} confirms. Work it has already done may still be billed.` };
    },
    async searchRuns(query: LibraryQuery) {
      if (query.min_rating != null && (query.min_rating < 1 || query.min_rating > 5)) {
        throw invalid(`min-rating: '${query.min_rating}' is not valid; allowed values: 1, 2, 3, 4, 5`);
      }
      return searchRuns(runs, query);
    },
    async searchRunPage(query: LibraryQuery) {
      return searchRunPage(runs, query);
    },
    async searchClips(query: LibraryQuery) {
      return searchClips(runs, query);
    },
    async rateClip(clipId: string, rating: number | null) {
      if (rating != null && !(Number.isInteger(rating) && rating >= 1 && rating <= 5)) {
        throw invalid(`rating: '${rating}' is not valid; allowed values: 1, 2, 3, 4, 5`);
      }
      const { clip } = findClip(clipId);
      update(clip, { rating }, true);
      return clone(clip);
    },
    async vote(request: VoteRequest) {
      if (!(CRITERIA as readonly string[]).includes(request.criterion)) {
        throw invalid(`criterion: '${request.criterion}' is not valid; allowed values: ${CRITERIA.join(', ')}`);
      }
      const left = findClip(request.left_clip_id);
      const right = findClip(request.right_clip_id);
      if (left.clip.id === right.clip.id) throw invalid('clips: a clip cannot be compared with itself');
      if (left.run !== right.run) throw invalid('clips: both clips must come from the same run (the same prompt and settings)');
      if (left.clip.status !== 'succeeded' || right.clip.status !== 'succeeded') throw invalid('clips: both clips must be finished videos');
      votes.push({ left: left.clip, right: right.clip, winner: request.winner, criterion: request.criterion, run: left.run.run_id });
      return votes.filter((v) => v.run === left.run.run_id).length;
    },
    async leaderboard(criterion: string | null) {
      return ratingBoard(votes.filter((v) => criterion == null || v.criterion === criterion));
    },
    async modelStats(includeDemo: boolean) {
      return modelStats(runs, includeDemo);
    },
    async statsSeries(query: StatsSeriesQuery) {
      return statsSeries(runs, query);
    },
    async listRuns(): Promise<RunSummary[]> {
      return runs.map((r) => summarizeRun(r));
    },
    async getRun(runId: string) {
      return clone(findRun(runId));
    },
    async mediaInfo() {
      return { base_url: media ? media.base : 'http://127.0.0.1:0/fake' };
    },
    async getSettings() {
      return clone(settings);
    },
    async setDemo(demo: boolean) {
      settings.demo = demo;
      return clone(settings);
    },
    async keyStatus() {
      return keyStatus();
    },
    async setKey(route: RouteId, key: string) {
      if (!key.trim()) throw invalid('key: must not be empty');
      keys.set(route, 'keychain');
      return keyStatus();
    },
    async removeKey(route: RouteId) {
      keys.set(route, 'missing');
      return keyStatus();
    },
    async onClipUpdate(callback: (clip: ClipView) => void) {
      listeners.add(callback);
      return () => listeners.delete(callback);
    },
  };
}

/** `http://host/dir/clip.mp4` → base `http://host/dir`, path `clip.mp4`, as the media server splits it. */
function splitUrl(url: string): { base: string; path: string } | null {
  const cut = url.lastIndexOf('/');
  return url && cut > 0 ? { base: url.slice(0, cut), path: url.slice(cut + 1) } : null;
}

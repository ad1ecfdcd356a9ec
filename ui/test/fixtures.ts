// Builders for contract objects so tests state only what they care about.
import type { ClipView, ModelInfo, RouteInfo, RunSummary, RunView } from '../src/ipc/bindings.gen';

export function makeClip(overrides: Partial<ClipView> = {}): ClipView {
  return {
    id: 'clip_1',
    run_id: 'run_1',
    model: 'kling-3.0-pro',
    model_name: 'Kling 3.0 Pro',
    route: 'fal',
    endpoint: 'fal-ai/kling-video/v3/pro/text-to-video',
    status: 'pending',
    error: null,
    resolved: { prompt: 'a lighthouse', duration_s: 5, aspect: '16:9', resolution: '1080p', audio: true },
    parity: [],
    estimated_cost_usd: 0.84,
    cost_usd: null,
    cost_kind: null,
    billed_cost_usd: null,
    latency_ms: { queued: null, generating: null, downloading: null, total: null },
    provider_job_id: null,
    queue_position: null,
    progress: null,
    submitted_at_ms: null,
    started_at_ms: null,
    file: null,
    media_path: null,
    width: null,
    height: null,
    duration_s: null,
    has_audio: null,
    fps: null,
    frame_count: null,
    demo: true,
    remix_of: null,
    rating: null,
    take: 1,
    tags: [],
    note: null,
    poster_path: null,
    eta: null,
    ...overrides,
  };
}

export function makeRun(overrides: Partial<RunView> = {}): RunView {
  return {
    run_id: 'run_1',
    prompt: 'a lighthouse at dusk',
    params: { prompt: 'a lighthouse at dusk', duration_s: 5, aspect: '16:9' },
    created_at: new Date().toISOString(),
    estimated_cost_usd: 0.84,
    demo: true,
    parent_run_id: null,
    winner_clip_id: null,
    clips: [makeClip()],
    ...overrides,
  };
}

export function makeSummary(overrides: Partial<RunSummary> = {}): RunSummary {
  return {
    run_id: 'run_1',
    prompt: 'a lighthouse at dusk',
    created_at: new Date().toISOString(),
    models: ['kling-3.0-pro'],
    clip_count: 1,
    succeeded: 1,
    failed: 0,
    running: 0,
    estimated_cost_usd: 0.84,
    cost_usd: 0.84,
    cost_billed_usd: 0,
    cost_estimated_usd: 0.84,
    demo: true,
    best_rating: null,
    parent_run_id: null,
    winner_clip_id: null,
    ...overrides,
  };
}

export function makeRoute(overrides: Partial<RouteInfo> = {}): RouteInfo {
  return {
    route: 'fal',
    endpoint: 'fal-ai/kling-video/v3/pro/text-to-video',
    lifecycle: { state: 'active' },
    durations: [3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
    default_duration: 5,
    aspects: ['16:9', '9:16', '1:1'],
    default_aspect: '16:9',
    resolutions: ['1080p'],
    default_resolution: '1080p',
    audio: [false, true],
    default_audio: true,
    negative_prompt: true,
    seed: false,
    price: { rules: [{ usd_per_second: 0.168 }], source: 'test', as_of: '2026-08-01' },
    usd_per_second: 0.168,
    key_available: true,
    price_overridden: false,
    start_image: false,
    end_image: false,
    requires_image: false,
    image_aspects: [],
    cfg_scale: null,
    max_shots: 0,
    shot_template: (overrides.max_shots ?? 0) > 0
      ? { code: 'kling-multi-prompt', structured: true, shot: '', joiner: '', source: 'test' }
      : { code: 'shot-list-prose', structured: false, shot: 'Shot {n} ({seconds} s): {text}', joiner: ' ', source: 'test' },
    cancel: true,
    remix: false,
    reports_charge: false,
    charge_note: "fal documents no charge in its responses, so costs are estimates.",
    ...overrides,
  };
}

export function makeModel(overrides: Partial<ModelInfo> = {}): ModelInfo {
  return {
    id: 'kling-3.0-pro',
    name: 'Kling 3.0 Pro',
    family: 'Kling',
    vendor: 'Kuaishou',
    summary: '',
    routes: [makeRoute()],
    ...overrides,
  };
}

// Finished runs the fake library starts with in `?sample` mode, so history and tiles
// have something to show before anything is run.
import type { ClipView, ModelInfo, RunView } from './bindings.gen';
import { clipDimensions, estimateUsd, resolveParams } from './fakePlanner';

interface SampleClip {
  selector: string;
  outcome: 'succeeded' | 'failed' | 'unknown';
  seconds: [queued: number, generating: number, downloading: number];
  error?: string;
  /** What the provider reported charging (Kling units, Ark tokens), in USD. */
  billed?: number;
}

function sampleRun(catalog: ModelInfo[], n: number, prompt: string, hoursAgo: number, clips: SampleClip[]): RunView {
  const runId = `run_sample_${n}`;
  const params = { prompt, duration_s: 5, aspect: '16:9', resolution: '1080p', audio: true };
  const views = clips.map((c, i): ClipView => {
    const [id, route] = c.selector.split('@');
    const model = catalog.find((m) => m.id === id)!;
    const spec = model.routes.find((r) => r.route === route)!;
    const { resolved, notes } = resolveParams(`${id}@${spec.route}`, spec, params, false);
    const estimate = estimateUsd(spec, resolved);
    const ok = c.outcome === 'succeeded';
    const [q, g, d] = c.seconds.map((s) => Math.round(s * 1000));
    const size = clipDimensions(resolved.resolution, resolved.aspect);
    return {
      id: `${runId}_c${i + 1}`, run_id: runId, model: id, model_name: model.name, route: spec.route, endpoint: spec.endpoint,
      status: c.outcome, error: c.error ? { code: c.outcome, message: c.error } : null, resolved, parity: notes,
      estimated_cost_usd: estimate, cost_usd: ok ? (c.billed ?? estimate) : null, cost_kind: ok ? (c.billed == null ? 'estimated' : 'billed') : null,
      billed_cost_usd: c.billed ?? null,
      latency_ms: ok ? { queued: q, generating: g, downloading: d, total: q + g + d + 400 } : { queued: null, generating: null, downloading: null, total: null },
      provider_job_id: c.outcome === 'unknown' ? null : `job_${i}`, queue_position: null, progress: null,
      submitted_at_ms: null, started_at_ms: null, file: ok ? `/fake/${runId}_${i}.mp4` : null, media_path: null,
      width: ok ? size.width : null, height: ok ? size.height : null, duration_s: ok ? resolved.duration_s : null,
      has_audio: ok ? resolved.audio : null, fps: ok ? 24 : null, frame_count: ok ? resolved.duration_s * 24 : null, demo: true, remix_of: null, rating: null,
      take: 1, tags: [], note: null, poster_path: null, eta: null,
    };
  });
  return {
    run_id: runId, prompt, params, created_at: new Date(Date.now() - hoursAgo * 3600_000).toISOString(),
    estimated_cost_usd: views.reduce((s, c) => s + c.estimated_cost_usd, 0), demo: true, clips: views,
    parent_run_id: null, winner_clip_id: null,
  };
}

export function sampleRuns(catalog: ModelInfo[]): RunView[] {
  return [
    sampleRun(catalog, 2, 'A lighthouse keeper climbs the spiral stairs at dusk, lantern swinging, storm outside', 2, [
      { selector: 'kling-3.0-pro@fal', outcome: 'succeeded', seconds: [12.1, 44.0, 2.1] },
      { selector: 'sora-2-pro@openai', outcome: 'succeeded', seconds: [3.4, 96.2, 3.0] },
      { selector: 'veo-3.1@google', outcome: 'succeeded', seconds: [0.8, 61.5, 1.7] },
      { selector: 'seedance-1.0-pro@seedance', outcome: 'failed', seconds: [0, 0, 0], error: 'BytePlus Ark rejected the request: insufficient balance (top up at the console)' },
    ]),
    sampleRun(catalog, 1, 'Macro shot of espresso pouring into a glass cup, morning light, slow motion', 26, [
      { selector: 'kling-3.0-standard@fal', outcome: 'succeeded', seconds: [8.0, 38.2, 1.4] },
      { selector: 'kling-3.0-pro@kling', outcome: 'succeeded', seconds: [5.2, 51.0, 1.9], billed: 0.98 },
      { selector: 'hailuo-02-standard@minimax', outcome: 'unknown', seconds: [0, 0, 0] },
    ]),
  ];
}

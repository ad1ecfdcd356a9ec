// Library clips for component tests: realistic rows without a backend.
import type { ClipView, LibraryClip } from '../../ipc/bindings.gen';

export function libraryClip(i: number, over: Partial<ClipView> = {}, context: Partial<LibraryClip> = {}): LibraryClip {
  const clip: ClipView = {
    id: `clip_${String(i).padStart(6, '0')}`, run_id: `run_${Math.floor(i / 4)}`, model: 'kling-3.0-pro', model_name: 'Kling 3.0 Pro',
    route: 'kling', endpoint: 'v1/videos/text2video', status: 'succeeded', error: null,
    resolved: { prompt: 'a lighthouse in fog', duration_s: 10, aspect: '16:9', resolution: '1080p', audio: true, seed: 42 },
    parity: [], estimated_cost_usd: 1.12, cost_usd: 1.12, cost_kind: 'billed', billed_cost_usd: 1.12,
    latency_ms: { queued: 12_100, generating: 44_000, downloading: 2_100, total: 58_600 }, provider_job_id: 'job', queue_position: null,
    progress: null, submitted_at_ms: null, started_at_ms: null, file: `/lib/run/${i}.mp4`, media_path: `run/${i}.mp4`,
    width: 1920, height: 1080, duration_s: 10, has_audio: true, fps: 24, frame_count: 240, demo: false, remix_of: null, rating: null,
    take: 1, tags: [], note: null, poster_path: `run/${i}.jpg`, eta: null, ...over,
  };
  return {
    clip, prompt: 'a lighthouse in fog', created_at: '2026-12-07T10:00:00Z',
    params: { prompt: 'a lighthouse in fog', duration_s: 10, aspect: '16:9', resolution: '1080p', audio: true },
    parent_run_id: null, winner: false, ...context,
  };
}

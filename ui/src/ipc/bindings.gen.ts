// GENERATED from Rust by ts-rs (crates/dailies-core/src/bindings.rs); do not edit.

export type RouteId = "fal" | "openai" | "replicate" | "kling" | "google" | "runway" | "luma" | "minimax" | "seedance";

export type LifecycleState = "active" | "deprecated" | "retired";

export type Lifecycle = { state: LifecycleState, 
/**
 * Shutdown / retirement date (ISO date) when one is announced.
 */
date?: string, note?: string, };

export type PriceRule = { 
/**
 * Applies when every given condition holds; absent conditions match anything.
 */
audio?: boolean, resolution?: string, usd_per_second?: number, usd_per_clip?: number, 
/**
 * The token rate for these values when it differs from the spec's (Seedance 2.0 bills
 * 1080p and 4k tokens at other rates than 480p/720p).
 */
usd_per_million_tokens?: number, };

export type PriceSpec = { rules: Array<PriceRule>, source: string, as_of: string, 
/**
 * Converts a charge the route reports in tokens (BytePlus Ark) to USD, where the
 * matching rule has no token rate of its own.
 */
usd_per_million_tokens?: number, 
/**
 * Converts a charge the route reports in its own units (Kling units, Runway credits).
 */
usd_per_unit?: number, };

export type Shot = { prompt: string, duration_s: number, };

export type CanonicalParams = { prompt: string, negative_prompt?: string, duration_s?: number, aspect?: string, resolution?: string, audio?: boolean, seed?: number, cfg_scale?: number, 
/**
 * Multi-shot list; when given, its durations add up to the clip's duration.
 */
shots?: Array<Shot>, 
/**
 * Local image file for the first frame (image-to-video).
 */
start_image?: string, 
/**
 * Local image file for the last frame, where a route supports one.
 */
end_image?: string, };

export type ResolvedParams = { prompt: string, negative_prompt?: string, duration_s: number, aspect: string, resolution: string, audio: boolean, seed?: number, cfg_scale?: number, shots?: Array<Shot>, start_image?: string, end_image?: string, };

export type ParityNote = { 
/**
 * Canonical parameter name as the CLI spells it (`duration`, `aspect`, ...).
 */
param: string, asked: string, ran: string, 
/**
 * Human wording shown on the tile: "asked 10 s → ran 12 s".
 */
message: string, };

export type CompareRequest = { params: CanonicalParams, 
/**
 * Model ids (`kling-3.0-pro`) or `id@route` (`kling-3.0-pro@fal`).
 */
models: Array<string>, 
/**
 * Refuse instead of adjusting values a model cannot honour.
 */
strict: boolean, max_cost_usd?: number, 
/**
 * Centre-crop input images whose aspect a route does not accept.
 */
crop?: boolean, };

export type PlannedClip = { model: string, model_name: string, route: RouteId, endpoint: string, resolved: ResolvedParams, parity: Array<ParityNote>, estimated_cost_usd: number, usd_per_second: number, lifecycle: Lifecycle, 
/**
 * Set for a remix: the library clip it is made from.
 */
remix_of: string | null, };

export type RunPlan = { params: CanonicalParams, clips: Array<PlannedClip>, estimated_cost_usd: number, demo: boolean, };

export type ClipStatus = "pending" | "submitting" | "queued" | "generating" | "downloading" | "succeeded" | "failed" | "canceled" | "unknown";

export type Latency = { queued: number | null, generating: number | null, downloading: number | null, total: number | null, };

export type ClipError = { code: string, message: string, };

export type ClipView = { id: string, run_id: string, model: string, model_name: string, route: RouteId, endpoint: string, status: ClipStatus, error: ClipError | null, resolved: ResolvedParams, parity: Array<ParityNote>, estimated_cost_usd: number, 
/**
 * Cost attributed to the clip: the provider's reported charge when it gives one,
 * else the estimate for a delivered clip; `None` when nothing was delivered.
 */
cost_usd: number | null, billed_cost_usd: number | null, latency_ms: Latency, provider_job_id: string | null, queue_position: number | null, 
/**
 * 0–100 where the route reports it.
 */
progress: number | null, 
/**
 * Unix milliseconds when the clip was submitted (for live elapsed timers).
 */
submitted_at_ms: number | null, started_at_ms: number | null, 
/**
 * Absolute path of the downloaded MP4.
 */
file: string | null, 
/**
 * Path relative to the library's media folder, for the loopback media server.
 */
media_path: string | null, width: number | null, height: number | null, duration_s: number | null, has_audio: boolean | null, 
/**
 * Frames per second read from the file (`None` before it is probed); frame steps use it.
 */
fps: number | null, 
/**
 * Number of frames in the file.
 */
frame_count: number | null, demo: boolean, 
/**
 * For a remix: the clip it was made from.
 */
remix_of: string | null, 
/**
 * The creator's 1–5 stars, if rated.
 */
rating: number | null, };

export type RunView = { run_id: string, prompt: string, params: CanonicalParams, 
/**
 * RFC 3339 creation time.
 */
created_at: string, estimated_cost_usd: number, demo: boolean, clips: Array<ClipView>, };

export type RunSummary = { run_id: string, prompt: string, created_at: string, models: Array<string>, clip_count: number, succeeded: number, failed: number, running: number, estimated_cost_usd: number, cost_usd: number, demo: boolean, 
/**
 * The highest star rating any clip of the run has.
 */
best_rating: number | null, };

export type RouteInfo = { route: RouteId, endpoint: string, lifecycle: Lifecycle, durations: Array<number>, default_duration: number, aspects: Array<string>, default_aspect: string, resolutions: Array<string>, default_resolution: string, audio: Array<boolean>, default_audio: boolean, negative_prompt: boolean, seed: boolean, price: PriceSpec, 
/**
 * Price per second at the route's default values, for the picker.
 */
usd_per_second: number, 
/**
 * Whether a key for this route is available (always true in demo mode).
 */
key_available: boolean, 
/**
 * The price is the creator's own override, not the shipped one.
 */
price_overridden: boolean, 
/**
 * Takes a start image (image-to-video) / an end image.
 */
start_image: boolean, end_image: boolean, 
/**
 * Runs only from a start image.
 */
requires_image: boolean, 
/**
 * Aspect ratios an input image must be near (else crop is offered); empty = any.
 */
image_aspects: Array<string>, 
/**
 * Allowed `[min, max]` cfg scale, when the route has one.
 */
cfg_scale: Array<number> | null, 
/**
 * Shots a multi-shot list may have; 0 = no multi-shot input.
 */
max_shots: number, 
/**
 * The route can stop a job it has accepted (some only while it is queued).
 */
cancel: boolean, 
/**
 * A finished clip can be remixed with a new prompt.
 */
remix: boolean, };

export type ModelInfo = { id: string, name: string, family: string, vendor: string, summary: string, routes: Array<RouteInfo>, };

export type KeySource = "keychain" | "environment" | "missing";

export type KeyStatus = { route: RouteId, source: KeySource, env_var: string, };

export type IpcError = { code: string, message: string, };

export type MediaInfo = { 
/**
 * `http://127.0.0.1:<port>/<token>`; append `/<media_path>`.
 */
base_url: string, };

export type AppSettings = { demo: boolean, data_dir: string, };

export type ImportedImage = { 
/**
 * Where it now lives (`<data dir>/inputs/...`); pass as `start_image` / `end_image`.
 */
path: string, format: string, width: number, height: number, };

export type RemixRequest = { 
/**
 * The source clip's id, or a unique prefix of it.
 */
clip_id: string, prompt: string, };

export type CancelOutcome = { clip: ClipView, 
/**
 * "Canceled before it was sent: nothing was charged.", "Cancel sent to Replicate; ..."
 */
message: string, };

export type LibraryQuery = { 
/**
 * Words that must all appear in the prompt (any case).
 */
text?: string, 
/**
 * `id` or `id@route`: runs with a clip of that model.
 */
model?: string, 
/**
 * Runs with a clip rated at least this many stars.
 */
min_rating?: number, limit?: number, };

export type ModelStats = { model: string, model_name: string, route: RouteId, 
/**
 * Clips that reached an end, and how many of those delivered a video.
 */
clips: number, succeeded: number, 
/**
 * Submit → file on disk, over delivered clips (milliseconds).
 */
p50_total_ms: number | null, p95_total_ms: number | null, p50_queued_ms: number | null, 
/**
 * Mean attributed cost of a delivered clip, and per second of video.
 */
mean_cost_usd: number | null, usd_per_video_second: number | null, 
/**
 * Mean stars over rated clips, and how many were rated.
 */
mean_rating: number | null, rated: number, };

export type VoteWinner = "left" | "right" | "tie";

export type VoteRequest = { left_clip_id: string, right_clip_id: string, winner: VoteWinner, 
/**
 * One of `CRITERIA` ("overall", "prompt", "motion", "look", "audio").
 */
criterion: string, };

export type LeaderRow = { model: string, model_name: string, route: RouteId, 
/**
 * Starts at 1500; each vote moves both sides by up to 32.
 */
elo: number, wins: number, losses: number, ties: number, };

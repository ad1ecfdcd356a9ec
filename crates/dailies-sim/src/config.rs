//! Emulator configuration: keys, the scripted job timeline, and where clips are cached.

use std::path::PathBuf;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::clip_render::ClipRender;
use crate::keys::SimKeys;

/// How a [`crate::Sim`] behaves. Build it with `SimConfig { clip_cache_dir, ..SimConfig::fast() }`
/// rather than a full literal, so later knobs don't break callers.
#[derive(Clone, Debug)]
pub struct SimConfig {
    /// The key each route accepts (its own per route; any other is refused with the
    /// route's 401).
    pub keys: SimKeys,
    pub timing: Timing,
    /// Where generated MP4s are cached, keyed by model and render parameters.
    pub clip_cache_dir: PathBuf,
    /// Gap between `: ping` comments on fal SSE streams (fal sends one every 15 s).
    pub sse_ping_interval: Duration,
    /// How long a finished job stays fetchable: fal's result retention (1 h) and
    /// OpenAI's `expires_at` distance from `completed_at`.
    pub result_ttl: Duration,
    /// The ffmpeg binary; a bare name is looked up on PATH.
    pub ffmpeg: PathBuf,
    /// Frame rate and test markings of rendered clips (cheap by default).
    pub clip_render: ClipRender,
}

impl Default for SimConfig {
    fn default() -> Self {
        Self {
            keys: SimKeys::demo(),
            timing: Timing::default(),
            clip_cache_dir: std::env::temp_dir().join("dailies-sim-clips"),
            sse_ping_interval: Duration::from_secs(15),
            result_ttl: Duration::from_secs(3600),
            ffmpeg: PathBuf::from("ffmpeg"),
            clip_render: ClipRender::default(),
        }
    }
}

impl SimConfig {
    /// Timing for tests: jobs finish in about a second and SSE pings come often enough
    /// to be observed.
    pub fn fast() -> Self {
        Self { timing: Timing::fast(), sse_ping_interval: Duration::from_millis(200), ..Self::default() }
    }

    /// The default, with the clip rendering the environment asks for (see [`ClipRender::from_env`]).
    /// Demo mode (app and CLI) starts its emulator this way; tests build their config explicitly.
    pub fn from_env() -> Self {
        Self { clip_render: ClipRender::from_env(), ..Self::default() }
    }
}

/// The scripted job timeline. Changes apply to jobs submitted afterwards.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timing {
    /// Total time a job spends `IN_QUEUE`, split evenly across the queue positions.
    pub queue_ms: u64,
    /// Minimum time in `IN_PROGRESS`; a job also waits for its clip to be rendered.
    pub generate_ms: u64,
    /// The first reported `queue_position` is `queue_positions - 1`, counting down to 0.
    pub queue_positions: u32,
    /// Spread, in percent, applied both as a fixed per-model bias and as per-job noise,
    /// so side-by-side tiles don't all finish at the same instant. 0 makes runs exact.
    pub jitter_pct: u32,
}

impl Default for Timing {
    fn default() -> Self {
        Self { queue_ms: 1500, generate_ms: 4000, queue_positions: 3, jitter_pct: 25 }
    }
}

impl Timing {
    /// Exact (jitter-free) short timeline so tests can reason about phases.
    pub fn fast() -> Self {
        Self { queue_ms: 300, generate_ms: 700, queue_positions: 2, jitter_pct: 0 }
    }

    /// The concrete timeline for one job of `model_key`.
    pub(crate) fn plan(&self, model_key: &str) -> JobPlan {
        let factor = self.factor(model_key);
        let scale = |ms: u64| (ms as f64 * factor).round() as u64;
        JobPlan {
            queue_positions: self.queue_positions.max(1),
            queue: Duration::from_millis(scale(self.queue_ms)),
            generate: Duration::from_millis(scale(self.generate_ms)),
        }
    }

    /// Half the jitter is a stable per-model bias (the same model is always a bit
    /// slower or faster), half is random per job.
    fn factor(&self, model_key: &str) -> f64 {
        if self.jitter_pct == 0 {
            return 1.0;
        }
        let half = f64::from(self.jitter_pct) / 200.0;
        let unit = (crate::clips::stable_hash(model_key) % 1001) as f64 / 1000.0;
        let bias = (unit * 2.0 - 1.0) * half;
        let noise = rand::Rng::gen_range(&mut rand::thread_rng(), -half..=half);
        (1.0 + bias + noise).max(0.05)
    }

    /// The `openai-poll-after-ms` hint: about half the generation time, within 0.5–2 s.
    pub(crate) fn poll_after_ms(&self) -> u64 {
        (self.generate_ms / 2).clamp(500, 2000)
    }
}

/// One job's timeline after jitter.
#[derive(Clone, Copy, Debug)]
pub(crate) struct JobPlan {
    pub queue_positions: u32,
    pub queue: Duration,
    pub generate: Duration,
}

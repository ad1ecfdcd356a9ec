//! The command-line contract.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Parser, Debug)]
#[command(
    name = "dailies",
    version,
    about = "Compare AI video models side by side: one prompt, several models, cost and latency per clip."
)]
pub struct Cli {
    /// Library folder (default: DAILIES_DATA_DIR, else the OS app-data folder).
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Run one prompt on several models and wait for the clips.
    Compare(Box<CompareArgs>),
    /// What each model would receive for `compare`'s flags (endpoint, wire fields, parity, advice); spends nothing.
    Preview(Box<CompareArgs>),
    /// List past runs, newest first, optionally filtered.
    Runs(crate::runs::RunsArgs),
    /// Per-model prompt advice: length, syntax a model does not understand, structure, ignored fields.
    Lint(crate::lint::LintArgs),
    /// Rate a clip 1–5 stars, or `none` to clear (clip id or short id).
    Rate {
        clip_id: String,
        #[arg(value_name = "1-5|none")]
        stars: String,
        #[arg(long)]
        json: bool,
    },
    /// Record a blind A/B vote between two finished clips of one run.
    Vote {
        left: String,
        right: String,
        #[arg(long, value_enum)]
        winner: Winner,
        /// What the vote is about: overall, prompt, motion, look, audio.
        #[arg(long, default_value = "overall")]
        criterion: String,
        #[arg(long)]
        json: bool,
    },
    /// Your personal leaderboard from blind votes (Bradley–Terry with 95% intervals), optionally on one criterion.
    Leaderboard {
        #[arg(long)]
        criterion: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// How each model has done in this library: success, p50/p95 latency, cost per second, stars.
    Stats {
        #[arg(long)]
        json: bool,
        /// Count demo clips too (their latency and cost are simulated).
        #[arg(long)]
        include_demo: bool,
    },
    /// Show one run (id or unique id prefix).
    Show {
        run_id: String,
        #[arg(long)]
        json: bool,
    },
    /// List every model and route with lifecycle, allowed values and prices.
    Models {
        #[arg(long)]
        json: bool,
    },
    /// Where the library lives, and moving it to another folder safely.
    Library {
        #[command(subcommand)]
        action: crate::library_move::LibraryAction,
    },
    /// Read and change settings shared with the app: concurrency.<route>, budget.run_usd,
    /// budget.day_usd, budget.month_usd, base_url.<route>, notify, theme.
    Settings {
        #[command(subcommand)]
        action: crate::settings::SettingsAction,
    },
    /// Manage API keys in the OS keychain.
    Keys {
        #[command(subcommand)]
        action: KeysAction,
    },
    /// Remix a finished clip with a new prompt (Sora through OpenAI): same model, length and size.
    Remix(RemixArgs),
    /// Extend a finished clip on its route's extend endpoint (Veo and LTX on fal, Veo on Google, Luma).
    Extend(crate::extend::ExtendArgs),
    /// Run a past run again (all models, only failed ones, chosen ones, or with a new prompt).
    Rerun(crate::iterate::RerunArgs),
    /// Run every prompt of a file (one a line, or JSON Lines) on the picked models, in turn.
    Batch(Box<crate::batch::BatchArgs>),
    /// Cancel a clip that has not finished (clip id or unique prefix, as `dailies show` prints it).
    Cancel {
        clip_id: String,
        #[arg(long)]
        json: bool,
    },
    /// Continue unfinished jobs after a crash, by provider job id; never resubmits.
    Resume {
        #[arg(long)]
        json: bool,
    },
    /// Measure Dailies' own overhead (planning, engine, store, media server) into a Markdown report.
    Bench {
        #[arg(long, default_value = "BENCHMARKS.md", value_name = "FILE")]
        out: PathBuf,
        /// Clips to run through the engine.
        #[arg(long, default_value_t = 20)]
        clips: usize,
        /// Sizes (runs, two clips each) of the synthetic library that search and statistics
        /// are measured at, comma-separated; one library grows through them, so the largest
        /// rows report their p95 against the smallest (`500,5000,50000`: 1k, 10k and 100k
        /// clips, the larger two against 1k).
        #[arg(long, value_delimiter = ',', default_values_t = [500, 5_000, 50_000])]
        library_runs: Vec<usize>,
        /// Leave the synthetic library in --data-dir (required) to measure it from outside.
        #[arg(long)]
        keep: bool,
        /// Measure a debug build anyway (its report says so); numbers belong to release builds.
        #[arg(long)]
        allow_debug_build: bool,
        /// Seconds each emulated job takes in the ETA-guided polling measurement (two runs
        /// over every route); 0 leaves that measurement out.
        #[arg(long, default_value_t = 47)]
        eta_job_s: u64,
    },
    #[command(flatten)]
    Curate(crate::curate::CurateCommand),
    #[command(flatten)]
    Trash(crate::trash::TrashCommand),
    /// The element library: characters or objects to bind to @Element1… (`--element NAME`).
    Element {
        #[command(subcommand)]
        action: crate::elements::ElementAction,
    },
    /// Notes pinned to a moment of a clip (markers on the player's timeline).
    Marker {
        #[command(subcommand)]
        action: crate::markers::MarkerAction,
    },
    /// Export a run as CSV, JSON or a self-contained HTML report (stdout without --out).
    Export {
        run_id: String,
        #[arg(long, value_name = "csv|json|html", value_parser = crate::export::parse_format)]
        format: dailies_core::export::ExportFormat,
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Render a run's delivered clips side by side into one labelled H.264 MP4 (needs ffmpeg).
    ExportVideo {
        run_id: String,
        #[arg(long, value_name = "FILE.mp4")]
        out: PathBuf,
        #[arg(long, value_name = "row|grid", default_value = "row", value_parser = crate::export::parse_layout)]
        layout: dailies_core::export::video::VideoLayout,
        /// The clip whose audio the video carries (id or short id), or `none`.
        #[arg(long, value_name = "CLIP|none", default_value = "none")]
        audio: String,
        #[arg(long)]
        json: bool,
    },
    /// Make poster frames for delivered clips that have none (needs ffmpeg).
    Posters {
        #[arg(long)]
        json: bool,
    },
    /// Run the provider emulator on loopback until Ctrl-C.
    Sim {
        #[arg(long, default_value = "127.0.0.1:7878", value_name = "HOST:PORT")]
        addr: String,
    },
}

#[derive(Subcommand, Debug)]
pub enum KeysAction {
    /// Store ROUTE's key, read from standard input (never from the command line).
    Set { route: String },
    /// Show which routes have a key and where it comes from (never the key).
    List,
    /// Remove ROUTE's key from the keychain.
    Rm { route: String },
}

#[derive(Args, Debug)]
pub struct CompareArgs {
    #[arg(long)]
    pub prompt: String,
    /// Model id (e.g. kling-3.0-pro) or id@route (e.g. kling-3.0-pro@fal); repeat for more.
    #[arg(long = "model", value_name = "ID", required = true)]
    pub models: Vec<String>,
    /// A shot of a multi-shot generation as SECONDS:PROMPT; repeat in order.
    #[arg(long = "shot", value_name = "SECONDS:PROMPT", value_parser = parse_shot)]
    pub shots: Vec<dailies_core::catalog::Shot>,
    /// One model's own value as MODEL:FIELD=VALUE (fields: prompt, negative, seed, cfg, duration, audio); repeat.
    #[arg(long = "override", value_name = "MODEL:FIELD=VALUE", value_parser = crate::overrides::parse)]
    pub overrides: Vec<crate::overrides::OverrideArg>,
    /// An element for @Element1, @Element2… (in order): FRONT.png[,REF.png...] (1–3 other
    /// views) or a library element's name; repeat. Sent as Kling's `elements` on fal.
    #[arg(long = "element", value_name = "FRONT[,REF...]|NAME")]
    pub elements: Vec<String>,
    /// Motion control: the --start-image character performs this video's motion (MP4/MOV,
    /// 3–30 s; the clip lasts as long). Kling 3.0 on fal; other models get a parity note.
    #[arg(long, value_name = "FILE")]
    pub motion_video: Option<String>,
    /// Whose orientation the character keeps: the still's (reference ≤ 10 s) or the video's
    /// (≤ 30 s, the default).
    #[arg(long, value_enum, value_name = "image|video", requires = "motion_video")]
    pub motion_orientation: Option<MotionOrientationArg>,
    #[command(flatten)]
    pub values: ValueArgs,
    #[command(flatten)]
    pub spend: SpendArgs,
}

/// The values asked of every model, shared by compare and batch.
#[derive(Args, Debug)]
pub struct ValueArgs {
    /// Seconds asked of every model (default: each model's own default).
    #[arg(long, value_name = "S")]
    pub duration: Option<u32>,
    #[arg(long, value_name = "W:H")]
    pub aspect: Option<String>,
    #[arg(long, value_name = "720p|1080p|...")]
    pub resolution: Option<String>,
    #[arg(long, value_enum)]
    pub audio: Option<OnOff>,
    #[arg(long, value_name = "TEXT")]
    pub negative: Option<String>,
    /// Seed where a model takes one; with --takes, take k runs seed + k - 1.
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    pub seed: Option<i64>,
    /// Classifier-free guidance, where a model takes it (e.g. Kling: 0–1).
    #[arg(long, value_name = "F")]
    pub cfg_scale: Option<f64>,
    /// Local image (PNG, JPEG, WebP) for the first frame: image-to-video.
    #[arg(long, value_name = "FILE")]
    pub start_image: Option<String>,
    /// Local image for the last frame, where a model supports one.
    #[arg(long, value_name = "FILE")]
    pub end_image: Option<String>,
    /// Centre-crop input images to the nearest aspect a model accepts instead of refusing.
    #[arg(long)]
    pub crop: bool,
    /// Refuse values a model cannot honour instead of running the nearest one.
    #[arg(long)]
    pub strict: bool,
    /// Clips per model (1–8), each with its own seed where the model takes one.
    #[arg(long, value_name = "N")]
    pub takes: Option<u32>,
}

/// How a run that spends is confirmed, capped and reported; shared by compare and remix.
#[derive(Args, Debug)]
pub struct SpendArgs {
    /// Print one JSON object on stdout.
    #[arg(long)]
    pub json: bool,
    /// Route every model to the built-in provider emulator: simulated, no charges (a remix
    /// can only use demo clips made by the same process: the emulator forgets them).
    #[arg(long)]
    pub demo: bool,
    /// Do not ask for confirmation before spending.
    #[arg(long)]
    pub yes: bool,
    /// Refuse the run if the estimate exceeds this many US dollars.
    #[arg(long, value_name = "USD")]
    pub max_cost: Option<f64>,
}

#[derive(Args, Debug)]
pub struct RemixArgs {
    /// The clip to remix (id or the short id `dailies show` prints).
    pub clip_id: String,
    /// What to change, in words: the remix keeps the source's scene and applies this.
    #[arg(long)]
    pub prompt: String,
    #[command(flatten)]
    pub spend: SpendArgs,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Winner {
    Left,
    Right,
    Tie,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum MotionOrientationArg {
    Image,
    Video,
}

impl From<MotionOrientationArg> for dailies_core::catalog::MotionOrientation {
    fn from(o: MotionOrientationArg) -> Self {
        match o {
            MotionOrientationArg::Image => Self::Image,
            MotionOrientationArg::Video => Self::Video,
        }
    }
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum OnOff {
    On,
    Off,
}

fn parse_shot(s: &str) -> Result<dailies_core::catalog::Shot, String> {
    let (secs, prompt) = s.split_once(':').ok_or("expected SECONDS:PROMPT, e.g. 5:a wide shot of the harbour")?;
    let duration_s = secs.trim().parse().map_err(|_| format!("'{secs}' is not a whole number of seconds"))?;
    if prompt.trim().is_empty() {
        return Err("the shot's prompt is empty".into());
    }
    Ok(dailies_core::catalog::Shot { prompt: prompt.trim().to_string(), duration_s })
}

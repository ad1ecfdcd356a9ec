//! The data that crosses process boundaries: the CLI's `--json`, Tauri IPC and events.
//! TypeScript bindings for the UI are generated from these types (`ui/src/ipc/bindings.gen.ts`).
//! One module per area; everything is re-exported here, so callers name `crate::api::X`.

mod app;
mod clip;
mod continuation;
mod curate;
mod elements;
mod eta;
mod iterate;
mod library;
mod models;
mod motion;
mod preview;
mod request;
mod run;
mod stats;
mod votes;

pub use app::{AppSettings, IpcError, KeySource, KeyStatus, MediaInfo};
pub use clip::{CancelOutcome, ClipError, ClipStatus, ClipView, CostKind, Latency};
pub use continuation::{ContinueKind, ExtendInfo, ExtendRequest};
pub use curate::{Board, EmptiedTrash, TimeNote, TrashItem, TrashKind};
pub use elements::{ElementsInfo, LibraryElement, NewElement};
pub use eta::{Eta, EtaSource};
pub use iterate::*;
pub use library::{ClipPage, LibraryClip, LibraryQuery, RunPage};
pub use models::{ModelInfo, RouteInfo, ShotTemplateInfo};
pub use motion::{ImportedVideo, MotionInfo};
pub use preview::{WireField, WirePreview};
pub use request::{CompareRequest, ImportedImage, PlannedClip, RemixRequest, RunPlan};
pub use run::{RunSummary, RunView};
pub use stats::*;
pub use votes::{LeaderRow, VoteRequest, VoteWinner};

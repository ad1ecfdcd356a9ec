//! Curation and trash types that cross the CLI/IPC boundary.

use serde::{Deserialize, Serialize};
use specta::Type;

/// A named collection of clips; a clip can sit on many boards.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct Board {
    pub id: i64,
    pub name: String,
    /// Clips on the board that are not in the trash.
    pub clip_count: u32,
    pub created_at_ms: i64,
}

/// What a trash entry is: a whole run (with the clips deleted with it) or one clip.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum TrashKind {
    Run,
    Clip,
}

impl TrashKind {
    pub fn as_str(self) -> &'static str {
        match self {
            TrashKind::Run => "run",
            TrashKind::Clip => "clip",
        }
    }
}

/// One entry of the trash, or what `rm` / `restore` just moved.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct TrashItem {
    pub kind: TrashKind,
    /// The run's id for a run, the clip's id for a clip.
    pub id: String,
    pub run_id: String,
    pub prompt: String,
    /// Models of the clips the entry holds (`id@route`).
    pub models: Vec<String>,
    /// Clips the entry holds: 1 for a clip, the clips deleted with it for a run.
    pub clip_count: u32,
    pub deleted_at_ms: i64,
}

/// What emptying the trash removed for good.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Type)]
pub struct EmptiedTrash {
    pub runs: u32,
    pub clips: u32,
    /// Media files (MP4s and posters) deleted from disk.
    pub files: u32,
}

/// A note pinned to a moment of a clip, drawn as a marker on the player's timeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct TimeNote {
    pub id: i64,
    pub clip_id: String,
    /// Milliseconds from the clip's start.
    pub at_ms: i64,
    pub text: String,
    pub created_at_ms: i64,
}

//! Browsing the library: the filters, and keyset pages of runs or of clips.

use serde::{Deserialize, Serialize};
use specta::Type;

use super::{ClipView, RunSummary};
use crate::catalog::CanonicalParams;
use crate::js::JsNumber;

/// Filters for browsing the library; absent fields match everything. Clip filters (model,
/// route, status, stars, tag, board) select runs having one live clip that passes them all.
#[derive(Debug, Clone, Default, Serialize, Deserialize, Type)]
// Every absent field is `None` (struct-level default); `#[specta(optional)]` tells TypeScript.
#[serde(default)]
pub struct LibraryQuery {
    /// Words that must all appear in the prompt, or all in one clip's tags and note; case
    /// and accents ignored, punctuation is not syntax, the last word is also a prefix.
    #[specta(optional)]
    pub text: Option<String>,
    /// `id` or `id@route`: runs with a clip of that model.
    #[specta(optional)]
    pub model: Option<String>,
    /// Runs with a clip rated at least this many stars.
    #[specta(optional)]
    pub min_rating: Option<u8>,
    #[specta(optional)]
    pub limit: Option<u32>,
    /// A route slug (`fal`, `openai`, ...).
    #[specta(optional)]
    pub route: Option<String>,
    /// A clip status (`succeeded`, `failed`, ...).
    #[specta(optional)]
    pub status: Option<String>,
    /// A clip tag (matched trimmed and lower-cased).
    #[specta(optional)]
    pub tag: Option<String>,
    /// A board, by name (any case) or id.
    #[specta(optional)]
    pub board: Option<String>,
    /// Created on or after this UTC day, `YYYY-MM-DD`.
    #[specta(optional)]
    pub since: Option<String>,
    /// Created on or before this UTC day, `YYYY-MM-DD`.
    #[specta(optional)]
    pub until: Option<String>,
    /// At most this many US dollars (a run: its clips' cost, delivered or estimated).
    #[specta(optional)]
    #[specta(type = Option<JsNumber>)]
    pub max_cost_usd: Option<f64>,
    /// The `next_cursor` of the previous page; absent for the first page.
    #[specta(optional)]
    pub cursor: Option<String>,
}

/// One page of runs, newest first; `next_cursor` is `None` on the last page.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct RunPage {
    pub runs: Vec<RunSummary>,
    pub next_cursor: Option<String>,
}

/// A clip as the library grid shows it: the clip (with its tags) and its run's context.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct LibraryClip {
    pub clip: ClipView,
    pub prompt: String,
    /// The run's RFC 3339 creation time.
    pub created_at: String,
    pub params: CanonicalParams,
    pub parent_run_id: Option<String>,
    /// This clip is its run's winner.
    pub winner: bool,
}

/// One page of clips, newest first; `next_cursor` is `None` on the last page.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct ClipPage {
    pub clips: Vec<LibraryClip>,
    pub next_cursor: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::LibraryQuery;

    #[test]
    fn a_query_names_only_the_filters_it_uses() {
        let q: LibraryQuery = serde_json::from_str(r#"{"tag": "hero", "max_cost_usd": 0.5}"#).unwrap();
        assert_eq!(q.tag.as_deref(), Some("hero"));
        assert_eq!(q.max_cost_usd, Some(0.5));
        assert!(q.text.is_none() && q.model.is_none() && q.cursor.is_none() && q.limit.is_none());
        let empty: LibraryQuery = serde_json::from_str("{}").unwrap();
        assert!(empty.board.is_none() && empty.since.is_none());
    }
}

//! Curating the library: tags and a note on a clip, a winner per run, boards. Input is
//! checked and normalised here; ids may be full ids, unique prefixes or endings.

use super::Studio;
use crate::api::{Board, ClipView, RunView};
use crate::error::{InputError, Result};

pub const MAX_TAG_CHARS: usize = 64;
pub const MAX_NOTE_CHARS: usize = 500;
pub const MAX_BOARD_NAME_CHARS: usize = 80;
/// Enough suggestions to pick from without shipping a whole vocabulary per keystroke.
pub const MAX_TAG_SUGGESTIONS: u32 = 200;

impl Studio {
    /// Adds tags to a clip (trimmed, lower-cased); returns the clip with all its tags.
    pub async fn tag_clip(&self, clip: &str, tags: &[String]) -> Result<ClipView> {
        let tags = normalise_tags(tags)?;
        let clip_id = self.store().find_clip_id(clip).await?;
        self.store().add_tags(&clip_id, &tags).await?;
        self.clip_view(&clip_id).await
    }

    /// Removes tags from a clip; a tag it does not carry is ignored.
    pub async fn untag_clip(&self, clip: &str, tags: &[String]) -> Result<ClipView> {
        let tags = normalise_tags(tags)?;
        let clip_id = self.store().find_clip_id(clip).await?;
        self.store().remove_tags(&clip_id, &tags).await?;
        self.clip_view(&clip_id).await
    }

    /// Sets a clip's note (trimmed; empty or `None` clears it).
    pub async fn set_note(&self, clip: &str, note: Option<&str>) -> Result<ClipView> {
        let note = note.map(str::trim).filter(|n| !n.is_empty());
        if let Some(n) = note.filter(|n| n.chars().count() > MAX_NOTE_CHARS) {
            return Err(refuse(
                "note",
                format!("is {} characters; a note is at most {MAX_NOTE_CHARS}", n.chars().count()),
            ));
        }
        let clip_id = self.store().find_clip_id(clip).await?;
        self.store().set_note(&clip_id, note).await?;
        self.clip_view(&clip_id).await
    }

    /// Names one of the run's clips its winner, or with `None` clears it.
    pub async fn set_winner(&self, run: &str, clip: Option<&str>) -> Result<RunView> {
        let run_id = self.store().find_run_id(run).await?;
        let clip_id = match clip {
            Some(c) => Some(self.store().find_clip_id(c).await?),
            None => None,
        };
        self.store().set_winner(&run_id, clip_id.as_deref()).await?;
        self.store().run_view(&run_id).await
    }

    /// Tags already on live clips, most used first: what a tag editor suggests.
    pub async fn tags_in_use(&self) -> Result<Vec<String>> {
        self.store().tags_in_use(MAX_TAG_SUGGESTIONS).await
    }

    pub async fn boards(&self) -> Result<Vec<Board>> {
        self.store().boards().await
    }

    /// A board by name (any case) or number, as the CLI names it.
    pub async fn find_board(&self, name_or_id: &str) -> Result<Board> {
        self.store().find_board(name_or_id).await
    }

    pub async fn create_board(&self, name: &str) -> Result<Board> {
        self.store().create_board(&board_name(name)?).await
    }

    pub async fn rename_board(&self, board_id: i64, name: &str) -> Result<Board> {
        self.store().rename_board(board_id, &board_name(name)?).await
    }

    /// Deletes a board; its clips stay in the library.
    pub async fn delete_board(&self, board_id: i64) -> Result<()> {
        self.store().delete_board(board_id).await
    }

    /// Puts clips on a board (a clip can be on many); returns the board's new count.
    pub async fn add_to_board(&self, board_id: i64, clips: &[String]) -> Result<Board> {
        let ids = self.clip_ids(clips).await?;
        self.store().board(board_id).await?;
        self.store().add_to_board(board_id, &ids).await?;
        self.store().board(board_id).await
    }

    pub async fn remove_from_board(&self, board_id: i64, clips: &[String]) -> Result<Board> {
        let ids = self.clip_ids(clips).await?;
        self.store().board(board_id).await?;
        self.store().remove_from_board(board_id, &ids).await?;
        self.store().board(board_id).await
    }

    /// The boards a clip is on, by name.
    pub async fn boards_of_clip(&self, clip: &str) -> Result<Vec<Board>> {
        let clip_id = self.store().find_clip_id(clip).await?;
        self.store().boards_of_clip(&clip_id).await
    }

    /// Resolves every id first, so one unknown id changes nothing.
    async fn clip_ids(&self, clips: &[String]) -> Result<Vec<String>> {
        if clips.is_empty() {
            return Err(refuse("clip", "give at least one clip id".into()));
        }
        let mut ids = Vec::with_capacity(clips.len());
        for c in clips {
            ids.push(self.store().find_clip_id(c).await?);
        }
        Ok(ids)
    }

    /// The clip as a view with its tags, also broadcast so every open window shows it.
    async fn clip_view(&self, clip_id: &str) -> Result<ClipView> {
        let tags = self.store().tags_of_clip(clip_id).await?;
        let view = ClipView { tags, ..self.store().clip(clip_id).await?.into_view() };
        self.broadcast(view.clone());
        Ok(view)
    }
}

fn refuse(field: &str, reason: String) -> crate::error::Error {
    InputError::Library { field: field.into(), reason }.into()
}

/// Trimmed and lower-cased, 1–64 characters each; at least one.
pub fn normalise_tags(tags: &[String]) -> Result<Vec<String>> {
    if tags.is_empty() {
        return Err(refuse("tag", "give at least one tag".into()));
    }
    let mut out = Vec::with_capacity(tags.len());
    for raw in tags {
        let tag = raw.trim().to_lowercase();
        let chars = tag.chars().count();
        if chars == 0 {
            return Err(refuse("tag", format!("must not be empty; a tag is 1–{MAX_TAG_CHARS} characters")));
        }
        if chars > MAX_TAG_CHARS {
            return Err(refuse("tag", format!("'{tag}' is {chars} characters; a tag is 1–{MAX_TAG_CHARS} characters")));
        }
        if !out.contains(&tag) {
            out.push(tag);
        }
    }
    Ok(out)
}

fn board_name(name: &str) -> Result<String> {
    let name = name.trim();
    let chars = name.chars().count();
    if !(1..=MAX_BOARD_NAME_CHARS).contains(&chars) {
        return Err(refuse("name", format!("a board name is 1–{MAX_BOARD_NAME_CHARS} characters; got {chars}")));
    }
    Ok(name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_trimmed_lower_cased_deduplicated_and_bounded() {
        let tags = normalise_tags(&["  Golden Hour ".into(), "golden hour".into(), "ÉTÉ".into()]).unwrap();
        assert_eq!(tags, ["golden hour", "été"]);
        let empty = normalise_tags(&["   ".into()]).unwrap_err();
        assert_eq!(empty.field(), Some("tag"));
        assert!(empty.to_string().starts_with("tag: must not be empty"), "{empty}");
        assert!(normalise_tags(&["x".repeat(64)]).is_ok());
        assert_eq!(normalise_tags(&["x".repeat(65)]).unwrap_err().field(), Some("tag"));
        assert_eq!(normalise_tags(&[]).unwrap_err().field(), Some("tag"));
    }

    #[test]
    fn board_names_are_trimmed_and_bounded() {
        assert_eq!(board_name("  Client picks ").unwrap(), "Client picks");
        assert_eq!(board_name(" ").unwrap_err().field(), Some("name"));
        assert_eq!(board_name(&"b".repeat(81)).unwrap_err().field(), Some("name"));
    }
}

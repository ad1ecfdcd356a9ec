//! Notes pinned to a moment of a clip: "the hand melts at 3.2 s". Checked here (a moment
//! inside the clip, 1–500 characters) so the app and the CLI refuse alike.

use super::curate::MAX_NOTE_CHARS;
use super::Studio;
use crate::api::TimeNote;
use crate::error::{InputError, Result};

/// A player reports the time of the frame on screen, which can sit a frame past the last
/// sample the container declares; a note there is still inside the clip.
const END_SLACK_MS: i64 = 100;

impl Studio {
    /// Pins a note at `at_ms` into a clip; answers with the stored note.
    pub async fn add_time_note(&self, clip: &str, at_ms: i64, text: &str) -> Result<TimeNote> {
        let text = note_text(text)?;
        let clip_id = self.store().find_clip_id(clip).await?;
        let length = self.store().clip_length_ms(&clip_id).await?;
        check_moment(at_ms, length)?;
        self.store().add_time_note(&clip_id, at_ms, &text).await
    }

    /// Every note on the run's live clips, by clip then time.
    pub async fn time_notes(&self, run: &str) -> Result<Vec<TimeNote>> {
        let run_id = self.store().find_run_id(run).await?;
        self.store().time_notes_of_run(&run_id).await
    }

    pub async fn delete_time_note(&self, id: i64) -> Result<()> {
        self.store().delete_time_note(id).await
    }
}

fn refuse(field: &str, reason: String) -> crate::error::Error {
    InputError::Library { field: field.into(), reason }.into()
}

fn note_text(text: &str) -> Result<String> {
    let text = text.trim();
    let chars = text.chars().count();
    if !(1..=MAX_NOTE_CHARS).contains(&chars) {
        return Err(refuse("text", format!("a note is 1–{MAX_NOTE_CHARS} characters; got {chars}")));
    }
    Ok(text.to_string())
}

fn check_moment(at_ms: i64, length_ms: Option<i64>) -> Result<()> {
    if at_ms < 0 {
        return Err(refuse("at", format!("a moment is 0 s or later; got {:.3} s", at_ms as f64 / 1000.0)));
    }
    match length_ms {
        Some(length) if at_ms > length + END_SLACK_MS => Err(refuse(
            "at",
            format!(
                "{:.3} s is past the clip's end; it is {:.3} s long",
                at_ms as f64 / 1000.0,
                length as f64 / 1000.0
            ),
        )),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_note_is_trimmed_and_bounded() {
        assert_eq!(note_text("  hand melts ").unwrap(), "hand melts");
        assert_eq!(note_text("  ").unwrap_err().field(), Some("text"));
        assert!(note_text(&"é".repeat(MAX_NOTE_CHARS)).is_ok());
        assert_eq!(note_text(&"é".repeat(MAX_NOTE_CHARS + 1)).unwrap_err().field(), Some("text"));
    }

    #[test]
    fn a_moment_falls_inside_the_clip_when_its_length_is_known() {
        assert!(check_moment(0, Some(5000)).is_ok());
        assert!(check_moment(5000 + END_SLACK_MS, Some(5000)).is_ok());
        let past = check_moment(6000, Some(5000)).unwrap_err();
        assert_eq!(past.field(), Some("at"));
        assert!(past.to_string().contains("6.000 s is past the clip's end; it is 5.000 s long"), "{past}");
        assert_eq!(check_moment(-1, None).unwrap_err().field(), Some("at"));
        assert!(check_moment(90_000, None).is_ok(), "an undelivered clip has no known end");
    }
}

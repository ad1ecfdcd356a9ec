//! Exports of one run: a CSV table, a JSON document, a self-contained HTML report a creator
//! can send to a client (`dailies export`), and a labelled side-by-side video
//! (`dailies export-video`, [`video`]). The core builds the documents; callers only write
//! them. Trashed clips are never exported, and a trashed run is unknown here.

mod html;
mod rows;
mod table;
pub mod video;

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use specta::Type;

pub use rows::ExportRow;

use crate::api::RunView;
use crate::engine::Studio;
use crate::error::{Error, InputError, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    Csv,
    Json,
    Html,
}

impl ExportFormat {
    pub const ALL: [ExportFormat; 3] = [ExportFormat::Csv, ExportFormat::Json, ExportFormat::Html];

    pub fn as_str(self) -> &'static str {
        match self {
            ExportFormat::Csv => "csv",
            ExportFormat::Json => "json",
            ExportFormat::Html => "html",
        }
    }

    /// `csv`, `json` or `html` (any case); anything else names `format` and the three.
    pub fn parse(s: &str) -> Result<ExportFormat, InputError> {
        let wanted = s.trim().to_ascii_lowercase();
        Self::ALL.into_iter().find(|f| f.as_str() == wanted).ok_or_else(|| InputError::InvalidValue {
            field: "format".into(),
            value: s.into(),
            allowed: Self::ALL.iter().map(|f| f.as_str().to_string()).collect(),
        })
    }
}

/// A written export, for the app: where it went, or (web build) the document itself.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct ExportedDocument {
    /// A file name to offer (`dailies-<run>.html`).
    pub file_name: String,
    /// Where the file was written, when it was.
    pub path: Option<String>,
    /// The document, when it was not written to a file.
    pub text: Option<String>,
}

/// The JSON export: the run view (live clips only) plus one flat row per clip, the same
/// rows as the CSV.
#[derive(Debug, Serialize)]
struct RunDocument<'a> {
    #[serde(flatten)]
    run: &'a RunView,
    rows: &'a [ExportRow],
}

/// Suggested file name for an export of `run_id`.
pub fn file_name(run_id: &str, extension: &str) -> String {
    let short: String = run_id.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').take(36).collect();
    format!("dailies-{short}.{extension}")
}

impl Studio {
    /// Where an export goes when the caller names no file: `<data dir>/exports/`, inside the
    /// library (the app has no save dialog; a fixed place keeps it findable and out of $HOME).
    pub fn default_export_path(&self, run_id: &str, extension: &str) -> PathBuf {
        self.store().data_dir().join("exports").join(file_name(run_id, extension))
    }

    /// Writes the run's document to `dest` (else [`Self::default_export_path`]).
    pub async fn export_run_to_file(
        &self,
        id_or_prefix: &str,
        format: ExportFormat,
        dest: Option<&Path>,
    ) -> Result<ExportedDocument> {
        let text = self.export_run(id_or_prefix, format).await?;
        let run_id = self.store().find_run_id(id_or_prefix).await?;
        let path = dest.map_or_else(|| self.default_export_path(&run_id, format.as_str()), Path::to_path_buf);
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            tokio::fs::create_dir_all(parent).await.map_err(|e| Error::local_io(parent, e))?;
        }
        tokio::fs::write(&path, text).await.map_err(|e| Error::local_io(&path, e))?;
        Ok(ExportedDocument {
            file_name: file_name(&run_id, format.as_str()),
            path: Some(path.display().to_string()),
            text: None,
        })
    }

    /// The run as the export shows it: clips in the trash left out; a trashed run unknown.
    pub async fn run_for_export(&self, id_or_prefix: &str) -> Result<RunView> {
        let id = self.store().find_run_id(id_or_prefix).await?;
        if self.store().run_trashed(&id).await? {
            return Err(Error::NotFound { what: "run", id: id_or_prefix.to_string() });
        }
        let mut run = self.store().run_view(&id).await?;
        let trashed = self.store().trashed_clips_of_run(&id).await?;
        run.clips.retain(|c| !trashed.contains(&c.id));
        if run.winner_clip_id.as_ref().is_some_and(|w| trashed.contains(w)) {
            run.winner_clip_id = None;
        }
        Ok(run)
    }

    /// The document of one run in `format`.
    pub async fn export_run(&self, id_or_prefix: &str, format: ExportFormat) -> Result<String> {
        let run = self.run_for_export(id_or_prefix).await?;
        let rows = rows::of_run(&run);
        match format {
            ExportFormat::Csv => table::csv(&rows),
            ExportFormat::Json => {
                let doc = RunDocument { run: &run, rows: &rows };
                serde_json::to_string_pretty(&doc).map_err(|e| Error::Export(e.to_string()))
            }
            ExportFormat::Html => Ok(html::report(&run, &self.store().media_dir()).await),
        }
    }
}

//! `dailies export`, `dailies export-video` and `dailies posters`: the core makes the
//! documents, videos and posters; this file only writes them and reports.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use dailies_core::export::video::{VideoExportRequest, VideoLayout};
use dailies_core::export::ExportFormat;
use dailies_core::{Error, Studio};

/// `--format` values, checked by the core's own parser (its message names the choices).
pub fn parse_format(s: &str) -> Result<ExportFormat, String> {
    ExportFormat::parse(s).map_err(|e| e.to_string())
}

pub fn parse_layout(s: &str) -> Result<VideoLayout, String> {
    VideoLayout::parse(s).map_err(|e| e.to_string())
}

pub async fn document(
    studio: &Studio,
    run_id: &str,
    format: ExportFormat,
    out: Option<&Path>,
) -> Result<ExitCode, Error> {
    let text = match studio.export_run(run_id, format).await {
        Err(Error::NotFound { what, id }) => return Ok(unknown(what, &id)),
        other => other?,
    };
    match out {
        Some(path) => {
            std::fs::write(path, text).map_err(|e| Error::local_io(path, e))?;
            eprintln!("wrote {}", path.display());
        }
        None => {
            let mut stdout = std::io::stdout().lock();
            stdout.write_all(text.as_bytes()).map_err(|e| Error::local_io("stdout", e))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub async fn video(
    studio: &Studio,
    run_id: String,
    out: PathBuf,
    layout: VideoLayout,
    audio: String,
    json: bool,
) -> Result<ExitCode, Error> {
    let request = VideoExportRequest {
        run_id,
        out: out.display().to_string(),
        layout,
        audio_clip: Some(audio).filter(|a| !a.trim().eq_ignore_ascii_case("none")),
    };
    // Progress on stderr in 10 % steps, so stdout stays the --json contract.
    let mut shown = 0;
    let progress = |done: f64| {
        let step = (done * 10.0).floor() as u32 * 10;
        if step > shown {
            shown = step;
            eprintln!("export-video: {step}%");
        }
    };
    let outcome = match studio.export_video(&request, progress).await {
        Err(Error::NotFound { what, id }) => return Ok(unknown(what, &id)),
        other => other?,
    };
    if json {
        println!("{}", serde_json::to_string_pretty(&outcome).unwrap_or_default());
    } else {
        let audio = outcome.audio_clip_id.as_deref().map_or("no audio".to_string(), |id| format!("audio from {id}"));
        println!(
            "wrote {} ({}x{}, {:.1} s, {} tiles, {audio})",
            outcome.path,
            outcome.width,
            outcome.height,
            outcome.duration_s,
            outcome.clip_ids.len()
        );
        if !outcome.labelled {
            eprintln!("note: this ffmpeg has no drawtext filter, so the tiles are not labelled");
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub async fn posters(studio: &Studio, json: bool) -> Result<ExitCode, Error> {
    let report = studio.backfill_posters().await?;
    if json {
        println!("{}", serde_json::to_string(&report).unwrap_or_default());
    } else {
        println!("made {} poster(s); {} clip(s) could not be read", report.made, report.failed);
    }
    Ok(if report.failed == 0 { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

/// An id that names nothing is bad input (exit 2), named like the argument it came from.
fn unknown(what: &str, id: &str) -> ExitCode {
    eprintln!("error: {what}: '{id}' not found; see `dailies runs` for run ids");
    ExitCode::from(2)
}

//! `dailies export-video`: one H.264 MP4 of a run's delivered clips side by side (a row or a
//! grid), each tile labelled with model@route, cost with its kind and latency; as long as
//! the longest clip, shorter ones holding their last frame; audio from one chosen clip or
//! none. Made by ffmpeg (required here), which reports progress as it encodes.

mod filter;
mod layout;

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use specta::Type;

pub use layout::{Geometry, VideoLayout};

use crate::api::{ClipStatus, ClipView, CostKind};
use crate::engine::Studio;
use crate::error::{Error, InputError, Result};
use crate::ffmpeg;
use crate::js::JsNumber;

/// Where drawtext finds a font: `DAILIES_FONT`, else Debian's `fonts-dejavu-core`.
const FONT_ENV: &str = "DAILIES_FONT";
const FONT_CANDIDATES: [&str; 3] = [
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/TTF/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
];

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct VideoExportRequest {
    /// Run id or unique prefix.
    pub run_id: String,
    /// The MP4 to write.
    pub out: String,
    pub layout: VideoLayout,
    /// The clip (id or unique ending) whose audio track the video carries; `None`: silent.
    pub audio_clip: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct VideoExportOutcome {
    pub path: String,
    pub width: u32,
    pub height: u32,
    #[specta(type = JsNumber)]
    pub duration_s: f64,
    /// Clip ids in tile order (row by row).
    pub clip_ids: Vec<String>,
    /// False when this ffmpeg has no `drawtext`: the tiles are then unlabelled.
    pub labelled: bool,
    pub audio_clip_id: Option<String>,
}

/// How far an export-video has got, for a progress bar (streamed to the app over a channel).
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct ExportProgress {
    pub run_id: String,
    /// 0–1.
    #[specta(type = JsNumber)]
    pub fraction: f64,
}

impl Studio {
    /// Renders the run; `on_progress` gets the share done (0–1) as ffmpeg advances.
    pub async fn export_video(
        &self,
        request: &VideoExportRequest,
        mut on_progress: impl FnMut(f64) + Send,
    ) -> Result<VideoExportOutcome> {
        let run = self.run_for_export(&request.run_id).await?;
        let clips: Vec<&ClipView> = run
            .clips
            .iter()
            .filter(|c| c.status == ClipStatus::Succeeded && c.file.is_some() && c.width.is_some())
            .collect();
        if clips.is_empty() {
            return Err(InputError::InvalidValue {
                field: "run".into(),
                value: request.run_id.clone(),
                allowed: vec!["a run with at least one delivered clip".into()],
            }
            .into());
        }
        let audio = audio_input(&clips, request.audio_clip.as_deref())?;
        let out = absolute(Path::new(&request.out))?;
        // The app's default target (`<data dir>/exports/`) may not exist yet.
        if let Some(parent) = out.parent() {
            tokio::fs::create_dir_all(parent).await.map_err(|e| Error::local_io(parent, e))?;
        }
        let ffmpeg_bin = ffmpeg::locate()?;
        let labelled = ffmpeg::has_filter(&ffmpeg_bin, "drawtext").await;
        if !labelled {
            tracing::warn!("this ffmpeg has no drawtext filter: the exported tiles carry no labels");
        }
        let sizes: Vec<(u32, u32)> = clips.iter().map(|c| (c.width.unwrap_or(0), c.height.unwrap_or(0))).collect();
        let geometry = Geometry::of(&sizes, request.layout);
        let longest_s = clips.iter().filter_map(|c| c.duration_s).fold(0.0, f64::max).max(0.1);
        let fps = clips.iter().filter_map(|c| c.fps).fold(0.0, f64::max);
        let fps = if fps >= 1.0 { (fps.round() as u32).min(30) } else { 24 };

        let work_dir = std::env::temp_dir().join(format!("dailies-export-{}", uuid::Uuid::new_v4().simple()));
        tokio::fs::create_dir_all(&work_dir).await.map_err(|e| Error::local_io(&work_dir, e))?;
        let mut tiles = Vec::new();
        let mut args: Vec<std::ffi::OsString> = Vec::new();
        for (i, clip) in clips.iter().enumerate() {
            let label_file = if labelled {
                let name = format!("label-{i}.txt");
                let path = work_dir.join(&name);
                tokio::fs::write(&path, label(clip)).await.map_err(|e| Error::local_io(&path, e))?;
                Some(name)
            } else {
                None
            };
            tiles.push(filter::Tile { duration_s: clip.duration_s.unwrap_or(longest_s), label_file });
            args.push("-i".into());
            args.push(absolute(Path::new(clip.file.as_deref().unwrap_or_default()))?.into());
        }
        let font_file = font_file();
        let graph = filter::Graph {
            geometry: &geometry,
            layout: request.layout,
            fps,
            longest_s,
            font_file: font_file.as_deref(),
        };
        let partial = out.with_extension("part.mp4");
        args.extend(["-filter_complex".into(), filter::build(&graph, &tiles).into(), "-map".into(), "[v]".into()]);
        match audio {
            Some(i) => args.extend(["-map".into(), format!("{i}:a:0").into(), "-c:a".into(), "aac".into()]),
            None => args.push("-an".into()),
        }
        args.extend(
            ["-c:v", "libx264", "-preset", "veryfast", "-crf", "20", "-pix_fmt", "yuv420p", "-movflags", "+faststart"]
                .map(std::ffi::OsString::from),
        );
        args.extend(["-t".into(), format!("{longest_s:.3}").into(), "-f".into(), "mp4".into(), partial.clone().into()]);
        // Generous: a loaded 2-core machine encodes a few 480p tiles at a fraction of real time.
        let deadline = Duration::from_secs(300) + Duration::from_secs_f64(longest_s * clips.len() as f64 * 20.0);
        let job = ffmpeg::Job { ffmpeg: &ffmpeg_bin, args, cwd: Some(&work_dir), deadline };
        let mut report = |done_s: f64| on_progress((done_s / longest_s).clamp(0.0, 1.0));
        let result = ffmpeg::run(job, Some(&mut report)).await;
        let _ = tokio::fs::remove_dir_all(&work_dir).await;
        if let Err(e) = result {
            let _ = tokio::fs::remove_file(&partial).await;
            return Err(e);
        }
        tokio::fs::rename(&partial, &out).await.map_err(|e| Error::local_io(&out, e))?;
        on_progress(1.0);
        Ok(VideoExportOutcome {
            path: out.display().to_string(),
            width: geometry.width(),
            height: geometry.height(),
            duration_s: longest_s,
            clip_ids: clips.iter().map(|c| c.id.clone()).collect(),
            labelled,
            audio_clip_id: audio.map(|i| clips[i].id.clone()),
        })
    }
}

/// The input index whose audio is used: the clip named by id or unique ending, which must
/// be one of the exported clips and carry audio.
fn audio_input(clips: &[&ClipView], wanted: Option<&str>) -> Result<Option<usize>> {
    let Some(wanted) = wanted.map(str::trim).filter(|w| !w.eq_ignore_ascii_case("none")) else {
        return Ok(None);
    };
    let with_audio: Vec<usize> = (0..clips.len()).filter(|&i| clips[i].has_audio == Some(true)).collect();
    let matches: Vec<usize> = with_audio
        .iter()
        .copied()
        .filter(|&i| !wanted.is_empty() && (clips[i].id.starts_with(wanted) || clips[i].id.ends_with(wanted)))
        .collect();
    match matches.as_slice() {
        [one] => Ok(Some(*one)),
        _ => {
            let mut allowed: Vec<String> = with_audio.iter().map(|&i| short_id(&clips[i].id)).collect();
            allowed.push("none".into());
            Err(InputError::InvalidValue { field: "audio".into(), value: wanted.into(), allowed }.into())
        }
    }
}

fn short_id(id: &str) -> String {
    id.chars().rev().take(8).collect::<Vec<_>>().into_iter().rev().collect()
}

/// "kling-3.0-pro@fal" / "$0.504 est. · 42.1 s" (latency: submit to file on disk).
fn label(c: &ClipView) -> String {
    let mut first = format!("{}@{}", c.model, c.route);
    if c.take > 1 {
        first.push_str(&format!(" · take {}", c.take));
    }
    let mut second = Vec::new();
    if let (Some(cost), Some(kind)) = (c.cost_usd, c.cost_kind) {
        let kind = if kind == CostKind::Billed { "billed" } else { "est." };
        second.push(format!("${cost:.3} {kind}"));
    }
    if let Some(ms) = c.latency_ms.total {
        second.push(format!("{:.1} s", ms as f64 / 1000.0));
    }
    format!("{first}\n{}", second.join(" · "))
}

/// A font file drawtext can be pointed at without quoting (else fontconfig picks one).
fn font_file() -> Option<String> {
    let plain = |p: &str| !p.contains(['\'', '\\', ':', ',', ';', '[', ']', ' ']);
    std::env::var(FONT_ENV)
        .ok()
        .into_iter()
        .chain(FONT_CANDIDATES.iter().map(|s| s.to_string()))
        .find(|p| plain(p) && Path::new(p).is_file())
}

fn absolute(path: &Path) -> Result<PathBuf> {
    std::path::absolute(path).map_err(|e| Error::local_io(path, e))
}

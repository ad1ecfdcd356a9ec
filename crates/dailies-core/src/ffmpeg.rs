//! The external ffmpeg (Debian's package is a declared runtime dependency): finding it, and
//! running it on tokio with a deadline so a stuck encode never blocks the runtime or a clip.
//! Posters degrade to "no poster" without it; a side-by-side video export needs it.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncReadExt, BufReader};
use tokio::process::Command;

use crate::error::{Error, Result};

/// Overrides where ffmpeg is taken from (a path, or a bare name looked up on PATH).
pub const FFMPEG_ENV: &str = "DAILIES_FFMPEG";

/// The ffmpeg this process uses: `DAILIES_FFMPEG`, else `ffmpeg` on PATH.
pub fn locate() -> Result<PathBuf> {
    let wanted = std::env::var_os(FFMPEG_ENV).filter(|v| !v.is_empty()).unwrap_or_else(|| "ffmpeg".into());
    let wanted = PathBuf::from(wanted);
    let missing =
        || Error::MissingTool { tool: "ffmpeg", looked_for: wanted.display().to_string(), env_var: FFMPEG_ENV };
    if wanted.components().count() > 1 {
        return if wanted.is_file() { Ok(wanted.clone()) } else { Err(missing()) };
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path).map(|dir| dir.join(&wanted)).find(|p| p.is_file()).ok_or_else(missing)
}

/// One ffmpeg invocation: arguments, working directory, deadline.
pub struct Job<'a> {
    pub ffmpeg: &'a Path,
    pub args: Vec<std::ffi::OsString>,
    /// Where relative paths in the arguments (label files of a filter graph) resolve.
    pub cwd: Option<&'a Path>,
    pub deadline: Duration,
}

/// Runs the job; with `on_progress`, asks ffmpeg for `-progress pipe:1` and reports the
/// encoded output time in seconds as it advances.
pub async fn run(job: Job<'_>, mut on_progress: Option<&mut (dyn FnMut(f64) + Send)>) -> Result<()> {
    let mut cmd = Command::new(job.ffmpeg);
    cmd.args(["-hide_banner", "-nostdin", "-loglevel", "error", "-y"]);
    if on_progress.is_some() {
        cmd.args(["-progress", "pipe:1", "-nostats"]);
    }
    cmd.args(&job.args).stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped()).kill_on_drop(true);
    if let Some(dir) = job.cwd {
        cmd.current_dir(dir);
    }
    let mut child = cmd.spawn().map_err(|e| spawn_error(job.ffmpeg, e))?;
    let stdout = child.stdout.take();
    let mut stderr = child.stderr.take();
    let work = async {
        let errors = async {
            let mut text = String::new();
            if let Some(err) = stderr.as_mut() {
                let _ = err.read_to_string(&mut text).await;
            }
            text
        };
        let progress = async {
            let Some(out) = stdout else { return };
            let mut lines = BufReader::new(out).lines();
            while let Ok(Some(line)) = lines.next_line().await {
                if let (Some(report), Some(us)) = (on_progress.as_mut(), out_time_us(&line)) {
                    report(us as f64 / 1e6);
                }
            }
        };
        let (text, (), status) = tokio::join!(errors, progress, child.wait());
        (text, status)
    };
    let (stderr_text, status) = tokio::time::timeout(job.deadline, work).await.map_err(|_| Error::ToolFailed {
        tool: "ffmpeg",
        detail: format!("did not finish within {} s and was stopped", job.deadline.as_secs()),
    })?;
    let status = status.map_err(|e| spawn_error(job.ffmpeg, e))?;
    if status.success() {
        return Ok(());
    }
    let last = stderr_text.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("no message");
    Err(Error::ToolFailed { tool: "ffmpeg", detail: format!("{status}: {}", last.trim()) })
}

fn spawn_error(ffmpeg: &Path, e: std::io::Error) -> Error {
    if e.kind() == std::io::ErrorKind::NotFound {
        return Error::MissingTool { tool: "ffmpeg", looked_for: ffmpeg.display().to_string(), env_var: FFMPEG_ENV };
    }
    Error::ToolFailed { tool: "ffmpeg", detail: format!("could not be started: {e}") }
}

/// `out_time_us=1234567` (ffmpeg ≥ 4.4; older builds misname it `out_time_ms`, in µs too).
fn out_time_us(line: &str) -> Option<u64> {
    let (key, value) = line.split_once('=')?;
    matches!(key, "out_time_us" | "out_time_ms").then(|| value.trim().parse().ok())?
}

/// Whether this ffmpeg has a filter (Debian's does have `drawtext`; minimal builds may not).
pub async fn has_filter(ffmpeg: &Path, name: &str) -> bool {
    let listing =
        Command::new(ffmpeg).args(["-hide_banner", "-filters"]).stdin(Stdio::null()).kill_on_drop(true).output();
    match tokio::time::timeout(Duration::from_secs(10), listing).await {
        Ok(Ok(out)) => String::from_utf8_lossy(&out.stdout).lines().any(|l| l.split_whitespace().nth(1) == Some(name)),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_lines_give_the_output_time() {
        assert_eq!(out_time_us("out_time_us=2500000"), Some(2_500_000));
        assert_eq!(out_time_us("out_time_ms=100"), Some(100));
        assert_eq!(out_time_us("out_time_us=N/A"), None);
        assert_eq!(out_time_us("frame=12"), None);
    }

    #[tokio::test]
    async fn a_missing_binary_is_a_missing_tool_not_a_panic() {
        let job =
            Job { ffmpeg: Path::new("/nonexistent/ffmpeg"), args: vec![], cwd: None, deadline: Duration::from_secs(5) };
        let e = run(job, None).await.unwrap_err();
        assert_eq!(e.code(), "missing_ffmpeg", "{e}");
    }

    #[tokio::test]
    async fn debian_ffmpeg_has_the_filters_export_uses() {
        let ffmpeg = locate().expect("ffmpeg is installed on this machine kind");
        for filter in ["drawtext", "xstack", "tpad", "hstack"] {
            assert!(has_filter(&ffmpeg, filter).await, "{filter}");
        }
        assert!(!has_filter(&ffmpeg, "no_such_filter").await);
    }
}

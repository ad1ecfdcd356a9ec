//! The app's exports, which have no save dialog: with no path given, a run's document and
//! its side-by-side video land in `<data dir>/exports/` (made on first use); a given path
//! is written as asked. Progress reaches 1 when the video is done.

use std::path::Path;
use std::sync::Arc;

use dailies_core::catalog::Catalog;
use dailies_core::export::video::{VideoExportRequest, VideoLayout};
use dailies_core::export::ExportFormat;
use dailies_core::secrets::MemoryStore;
use dailies_core::{PollPolicy, Studio, StudioOptions};
use dailies_tests::{dailies, run};

async fn studio(dir: &Path) -> Studio {
    let options = StudioOptions {
        data_dir: dir.to_path_buf(),
        secrets: Arc::new(MemoryStore::default()),
        catalog: Catalog::builtin(),
        poll: PollPolicy::default(),
    };
    Studio::open(options).await.expect("studio opens")
}

#[tokio::test(flavor = "multi_thread")]
async fn exports_without_a_path_land_in_the_librarys_exports_folder() {
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = dailies(dir.path());
    cmd.args(["compare", "--demo", "--prompt", "a harbour at dawn", "--duration", "4", "--json", "--yes"]);
    cmd.args(["--model", "kling-3.0-standard@fal", "--model", "sora-2@openai"]);
    let (code, json, stderr) = run(&mut cmd);
    assert_eq!(code, 0, "{stderr}");
    let run_id = json["run_id"].as_str().unwrap().to_string();
    let studio = studio(dir.path()).await;
    let exports = dir.path().join("exports");
    assert!(!exports.exists());

    let report = studio.export_run_to_file(&run_id, ExportFormat::Html, None).await.unwrap();
    let written = Path::new(report.path.as_deref().unwrap());
    assert_eq!(written, exports.join(&report.file_name));
    assert!(std::fs::read_to_string(written).unwrap().contains("a harbour at dawn"));

    let chosen = dir.path().join("picked/elsewhere.csv");
    let csv = studio.export_run_to_file(&run_id[..8], ExportFormat::Csv, Some(&chosen)).await.unwrap();
    assert_eq!(csv.path.as_deref(), Some(chosen.to_str().unwrap()));
    assert!(std::fs::read_to_string(&chosen).unwrap().starts_with("run_id,clip_id,prompt,"));

    let unknown = studio.export_run_to_file("nope", ExportFormat::Json, None).await.unwrap_err();
    assert_eq!(unknown.code(), "not_found", "{unknown}");

    // The video goes where the app's command sends it by default: the same folder.
    let out = studio.default_export_path(&run_id, "mp4");
    let request = VideoExportRequest {
        run_id: run_id.clone(),
        out: out.display().to_string(),
        layout: VideoLayout::Row,
        audio_clip: None,
    };
    let mut progress = Vec::new();
    let video = studio.export_video(&request, |f| progress.push(f)).await.unwrap();
    assert_eq!(Path::new(&video.path), out);
    assert!(out.starts_with(&exports) && std::fs::metadata(&out).unwrap().len() > 0);
    assert_eq!(progress.last(), Some(&1.0));
    assert!(progress.windows(2).all(|w| w[0] <= w[1]), "{progress:?}");
}

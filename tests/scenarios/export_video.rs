//! `dailies export-video` on emulator clips of different lengths: one H.264 MP4 as long as
//! the longest clip, tiles in a row or a grid at the common tile size, audio from the clip
//! asked for or none, checked with ffprobe; bad layout, audio or run are input errors.

use std::path::Path;
use std::process::Command;

use dailies_tests::{dailies, run};

/// ffprobe's view of a file: (codec, width, height) of the video, whether audio, duration.
fn probe(path: &Path) -> (String, u32, u32, bool, f64) {
    let out = Command::new("ffprobe")
        .args(["-v", "error", "-show_entries", "stream=codec_type,codec_name,width,height:format=duration"])
        .args(["-of", "json"])
        .arg(path)
        .output()
        .expect("ffprobe is installed with ffmpeg");
    let info: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let streams = info["streams"].as_array().unwrap();
    let video = streams.iter().find(|s| s["codec_type"] == "video").expect("a video stream");
    let audio = streams.iter().any(|s| s["codec_type"] == "audio");
    let duration = info["format"]["duration"].as_str().unwrap().parse().unwrap();
    let dim = |k: &str| u32::try_from(video[k].as_u64().unwrap()).unwrap();
    (video["codec_name"].as_str().unwrap().to_string(), dim("width"), dim("height"), audio, duration)
}

#[tokio::test(flavor = "multi_thread")]
async fn a_run_becomes_one_labelled_side_by_side_video() {
    let dir = tempfile::tempdir().unwrap();
    // Asked 5 s: Kling runs 5 s, Sora's nearest is 4 s, so the tiles differ in length.
    let mut cmd = dailies(dir.path());
    cmd.args(["compare", "--demo", "--prompt", "a lighthouse in fog", "--duration", "5", "--json", "--yes"]);
    cmd.args([
        "--model",
        "kling-3.0-standard@fal",
        "--model",
        "sora-2@openai",
        "--model",
        "seedance-2.0-fast@seedance",
    ]);
    let (code, json, stderr) = run(&mut cmd);
    assert_eq!(code, 0, "{stderr}");
    let run_id = json["run_id"].as_str().unwrap();
    let clips = json["clips"].as_array().unwrap();
    let durations: Vec<f64> = clips.iter().map(|c| c["duration_s"].as_f64().unwrap()).collect();
    let longest = durations.iter().copied().fold(0.0, f64::max);
    assert!(durations.iter().any(|&d| d < longest - 0.5), "clips of different lengths: {durations:?}");
    // The common tile: every clip scaled to the smallest height (at most 480), the widest setting the width.
    let tile_h = clips.iter().map(|c| c["height"].as_u64().unwrap()).min().unwrap().min(480) / 2 * 2;
    let tile_w = clips
        .iter()
        .map(|c| c["width"].as_u64().unwrap() * tile_h / c["height"].as_u64().unwrap() / 2 * 2)
        .max()
        .unwrap();
    let with_audio = clips.iter().find(|c| c["has_audio"] == true).expect("a clip with audio");
    let audio_id = with_audio["clip_id"].as_str().unwrap();

    let row = dir.path().join("row.mp4");
    let mut cmd = dailies(dir.path());
    cmd.args([
        "export-video",
        run_id,
        "--layout",
        "row",
        "--audio",
        &audio_id[audio_id.len() - 8..],
        "--json",
        "--out",
    ]);
    let (code, outcome, stderr) = run(cmd.arg(&row));
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("export-video: 100%"), "progress on stderr: {stderr}");
    assert_eq!(outcome["labelled"], true, "Debian's ffmpeg has drawtext");
    assert_eq!(outcome["audio_clip_id"], audio_id);
    let (codec, w, h, audio, duration) = probe(&row);
    assert_eq!(codec, "h264");
    assert_eq!((u64::from(w), u64::from(h)), (3 * tile_w, tile_h), "three tiles in a row");
    assert!(audio, "audio from the chosen clip");
    assert!((duration - longest).abs() <= 0.5, "{duration} vs longest {longest}");

    let grid = dir.path().join("grid.mp4");
    let (code, _, stderr) = run(dailies(dir.path())
        .args(["export-video", run_id, "--layout", "grid", "--audio", "none", "--out"])
        .arg(&grid));
    assert_eq!(code, 0, "{stderr}");
    let (codec, w, h, audio, duration) = probe(&grid);
    assert_eq!(codec, "h264");
    assert_eq!((u64::from(w), u64::from(h)), (2 * tile_w, 2 * tile_h), "three tiles in a 2×2 grid");
    assert!(!audio, "--audio none");
    assert!((duration - longest).abs() <= 0.5, "{duration} vs longest {longest}");

    // The shortest tile holds its last frame rather than going black: its cell is not dark
    // in the video's final frame.
    let shortest = durations.iter().position(|&d| d < longest - 0.5).unwrap() as u32;
    let frame = dir.path().join("last.png");
    let status = Command::new("ffmpeg")
        .args(["-v", "error", "-y", "-sseof", "-0.2", "-i"])
        .arg(&grid)
        .args(["-frames:v", "1"])
        .arg(&frame)
        .status()
        .unwrap();
    assert!(status.success());
    let img = image::open(&frame).unwrap().to_rgb8();
    let (cx, cy) =
        ((shortest % 2) * tile_w as u32 + tile_w as u32 / 2, (shortest / 2) * tile_h as u32 + tile_h as u32 / 4);
    let brightness: u32 =
        (0..20).map(|d| img.get_pixel(cx - 10 + d, cy).0.iter().map(|&c| u32::from(c)).sum::<u32>()).sum();
    assert!(brightness > 20 * 30, "tile {shortest} went dark at the end ({brightness})");

    let (code, _, stderr) =
        run(dailies(dir.path()).args(["export-video", run_id, "--layout", "diagonal", "--out"]).arg(&grid));
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("--layout") && stderr.contains("allowed values: row, grid"), "{stderr}");
    let (code, _, stderr) =
        run(dailies(dir.path()).args(["export-video", run_id, "--audio", "zzzz", "--out"]).arg(&grid));
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("audio: 'zzzz' is not valid") && stderr.contains("none"), "{stderr}");
    let (code, _, stderr) = run(dailies(dir.path()).args(["export-video", "nope", "--out"]).arg(&grid));
    assert_eq!(code, 2, "{stderr}");
    let (code, _, stderr) = run(dailies(dir.path())
        .args(["export-video", run_id, "--out"])
        .arg(&grid)
        .env("DAILIES_FFMPEG", "/nonexistent"));
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("ffmpeg: not found"), "{stderr}");
}

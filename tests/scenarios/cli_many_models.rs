//! Issue acceptance: `dailies compare --demo` over many models in one run completes, each
//! clip a real MP4 of the size and length it reports, with a parity note wherever a model
//! could not run the asked values.

use dailies_core::probe::probe_mp4;
use dailies_tests::{dailies, run};
use serde_json::Value;

/// Nine fal models from seven families, asked for 5 s at 720p.
const MODELS: &[&str] = &[
    "kling-3.0-pro@fal",
    "kling-o3-pro@fal",
    "veo-3.1@fal",
    "veo-3.1-fast@fal",
    "seedance-2.0@fal",
    "hailuo-02-standard@fal",
    "wan-2.5@fal",
    "ltx-2.3@fal",
    "luma-ray-2@fal",
];

fn notes(clip: &Value) -> Vec<String> {
    clip["parity"].as_array().unwrap().iter().map(|n| n["message"].as_str().unwrap().to_owned()).collect()
}

#[test]
fn demo_compare_over_nine_models_completes_with_parity_notes() {
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = dailies(dir.path());
    cmd.args(["compare", "--demo", "--prompt", "a lighthouse in fog at dawn", "--duration", "5"]);
    cmd.args(["--resolution", "720p", "--json", "--yes"]);
    for model in MODELS {
        cmd.args(["--model", model]);
    }
    let (code, json, stderr) = run(&mut cmd);
    assert_eq!(code, 0, "{stderr}\n{json}");
    let clips = json["clips"].as_array().unwrap();
    assert_eq!(clips.len(), MODELS.len());
    for clip in clips {
        assert_eq!(clip["status"], "succeeded", "{clip}");
        let probe = probe_mp4(std::path::Path::new(clip["file"].as_str().unwrap())).unwrap();
        assert_eq!(
            (Some(u64::from(probe.width)), Some(u64::from(probe.height))),
            (clip["width"].as_u64(), clip["height"].as_u64())
        );
        let ran = clip["resolved"]["duration_s"].as_f64().unwrap();
        assert!((probe.duration_s - ran).abs() < 0.2, "{}: probed {} s, ran {ran} s", clip["model"], probe.duration_s);
        assert!(clip["cost_usd"].as_f64().unwrap() > 0.0, "{clip}");
    }
    let by_model = |id: &str| clips.iter().find(|c| c["model"] == id).unwrap_or_else(|| panic!("{id} missing"));

    // Values a model cannot run are adjusted to the nearest allowed one, each with a note.
    let ltx = by_model("ltx-2.3");
    assert!(notes(ltx).contains(&"asked 5 s → ran 6 s".to_owned()), "{:?}", notes(ltx));
    assert!(notes(ltx).contains(&"asked 720p → ran 1080p".to_owned()), "{:?}", notes(ltx));
    assert_eq!((ltx["width"].as_u64(), ltx["height"].as_u64()), (Some(1920), Some(1080)));
    let hailuo = by_model("hailuo-02-standard");
    assert!(notes(hailuo).contains(&"asked 720p → ran 768p".to_owned()), "{:?}", notes(hailuo));
    assert_eq!((hailuo["width"].as_u64(), hailuo["duration_s"].as_f64().map(f64::round)), (Some(1366), Some(6.0)));
    assert!(notes(by_model("veo-3.1")).contains(&"asked 5 s → ran 6 s".to_owned()));
    assert!(notes(by_model("kling-3.0-pro")).contains(&"asked 720p → ran 1080p".to_owned()));
    // Models that take 5 s at 720p run them as asked, without notes.
    for id in ["seedance-2.0", "wan-2.5", "luma-ray-2"] {
        let clip = by_model(id);
        assert!(notes(clip).is_empty(), "{id}: {:?}", notes(clip));
        assert_eq!((clip["width"].as_u64(), clip["height"].as_u64()), (Some(1280), Some(720)), "{id}");
    }
}

/// The in-process demo also takes a start image: the fal adapter finds the emulator's
/// storage beside its queue base and uploads the frame before submitting.
#[test]
fn demo_compare_with_a_start_image_runs_image_to_video() {
    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("frame.png");
    let status = std::process::Command::new("ffmpeg")
        .args(["-v", "error", "-y", "-f", "lavfi", "-i", "color=c=maroon:s=1280x720", "-frames:v", "1"])
        .arg(&png)
        .status()
        .expect("ffmpeg runs");
    assert!(status.success());
    let mut cmd = dailies(dir.path());
    cmd.args(["compare", "--demo", "--prompt", "the frame comes alive", "--duration", "4", "--json", "--yes"]);
    cmd.args(["--model", "kling-3.0-pro@fal", "--model", "veo-3.1@fal", "--start-image"]).arg(&png);
    let (code, json, stderr) = run(&mut cmd);
    assert_eq!(code, 0, "{stderr}\n{json}");
    for clip in json["clips"].as_array().unwrap() {
        assert_eq!(clip["status"], "succeeded", "{clip}");
        assert!(clip["endpoint"].as_str().unwrap().ends_with("image-to-video"), "{clip}");
        let probe = probe_mp4(std::path::Path::new(clip["file"].as_str().unwrap())).unwrap();
        assert!((probe.duration_s - 4.0).abs() < 0.2, "{clip}");
        assert_eq!(probe.width * 9, probe.height * 16, "a 16:9 frame gives a 16:9 clip: {clip}");
    }
}

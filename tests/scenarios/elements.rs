//! Elements (`@Element1`…) end to end against the emulator, strict for Kling's `elements`
//! per fal's docs: the element images are uploaded through fal storage and the submit carries
//! the URLs it issued, in `[{frontal_image_url, reference_image_urls}]`; a route without
//! elements gets a parity note; bad input exits 2 naming the field before any request; the
//! estimate uses the elements price; the library keeps elements for `--element NAME`.

use std::path::{Path, PathBuf};

use dailies_sim::SimHandle;
use dailies_tests::{against_sim, dailies, run, sim_config, start_sim};
use serde_json::Value;

fn png(dir: &Path, name: &str, w: u32, h: u32, colour: &str) -> PathBuf {
    let path = dir.join(name);
    let status = std::process::Command::new("ffmpeg")
        .args(["-v", "error", "-y", "-f", "lavfi", "-i", &format!("color=c={colour}:s={w}x{h}"), "-frames:v", "1"])
        .arg(&path)
        .status()
        .expect("ffmpeg runs");
    assert!(status.success());
    path
}

fn arg(paths: &[&PathBuf]) -> String {
    paths.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(",")
}

/// The body the emulator accepted for a clip's submit.
fn sent(sim: &SimHandle, clip: &Value) -> Value {
    let job = clip["provider_job_id"].as_str().expect("a provider job id");
    sim.stats().submits.iter().find(|s| s.job_id == job).map(|s| s.body.clone()).expect("the submit was recorded")
}

fn clip<'a>(json: &'a Value, model: &str) -> &'a Value {
    json["clips"].as_array().unwrap().iter().find(|c| c["model"] == model).unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn kling_is_sent_uploaded_elements_and_others_get_a_note() {
    let sim = start_sim(sim_config()).await;
    let dir = tempfile::tempdir().unwrap();
    let start = png(dir.path(), "start.png", 1280, 720, "navy");
    let front = png(dir.path(), "front.png", 400, 600, "orange");
    let side = png(dir.path(), "side.png", 400, 600, "yellow");
    let lamp = png(dir.path(), "lamp.png", 300, 300, "white");
    let mut cmd = dailies(dir.path());
    against_sim(&mut cmd, &sim);
    cmd.args(["compare", "--prompt", "@Element1 lifts @Element2 into the night", "--duration", "5", "--json", "--yes"]);
    cmd.args(["--model", "kling-3.0-pro@fal", "--model", "veo-3.1@fal", "--audio", "on"]);
    cmd.arg("--start-image").arg(&start);
    cmd.args(["--element", &arg(&[&front, &side]), "--element", &arg(&[&lamp])]);
    let (code, json, stderr) = tokio::task::spawn_blocking(move || run(&mut cmd)).await.unwrap();
    assert_eq!(code, 0, "{stderr}\n{json}");

    let kling = clip(&json, "kling-3.0-pro");
    assert_eq!(kling["status"], "succeeded", "{kling}");
    assert_eq!(kling["endpoint"], "fal-ai/kling-video/v3/pro/image-to-video");
    // $0.336/s with audio: fal's image-to-video page, the elements tier (seeds/000).
    assert!((kling["estimated_cost_usd"].as_f64().unwrap() - 1.68).abs() < 1e-9, "{kling}");
    let body = sent(&sim, kling);
    let elements = body["elements"].as_array().expect("elements were sent");
    assert_eq!(elements.len(), 2);
    let cdn = format!("{}/fal-cdn/files/", sim.base_url());
    let urls =
        [&elements[0]["frontal_image_url"], &elements[0]["reference_image_urls"][0], &elements[1]["frontal_image_url"]];
    for url in urls {
        assert!(url.as_str().is_some_and(|u| u.starts_with(&cdn)), "an uploaded URL, not a path: {url}");
    }
    assert!(elements[0]["frontal_image_url"].as_str().unwrap().ends_with("/front.png"));
    assert!(elements[1].get("reference_image_urls").is_none(), "an element without views sends none");
    assert_eq!(kling["elements"].as_array().unwrap().len(), 2, "the clip records its elements");
    assert_eq!(kling["elements"][0]["reference_images"][0], side.display().to_string());

    let veo = clip(&json, "veo-3.1");
    assert_eq!(veo["status"], "succeeded", "{veo}");
    assert!(sent(&sim, veo).get("elements").is_none());
    let notes: Vec<&str> = veo["parity"].as_array().unwrap().iter().filter_map(|n| n["message"].as_str()).collect();
    assert!(notes.iter().any(|n| n.contains("elements not supported")), "{notes:?}");

    // `show --json` tells the elements a clip was sent with.
    let run_id = json["run_id"].as_str().unwrap();
    let mut show = dailies(dir.path());
    show.args(["show", run_id, "--json"]);
    let (code, shown, stderr) = run(&mut show);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(clip(&shown, "kling-3.0-pro")["elements"], kling["elements"]);
    assert!(clip(&shown, "veo-3.1")["elements"].as_array().unwrap().is_empty());
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_elements_exit_2_naming_the_field_before_any_request() {
    let sim = start_sim(sim_config()).await;
    let dir = tempfile::tempdir().unwrap();
    let front = png(dir.path(), "front.png", 400, 600, "orange");
    let notes = dir.path().join("notes.png");
    std::fs::write(&notes, "not an image").unwrap();
    let refs = arg(&[&front, &front, &front, &front, &front]);
    let cases: Vec<(String, Vec<String>, &str)> = vec![
        ("@Element1 waves".into(), vec![dir.path().join("gone.png").display().to_string()], "gone.png"),
        ("@Element1 waves".into(), vec![notes.display().to_string()], "not a PNG"),
        ("@Element1 waves".into(), vec![refs], "at most 3"),
        ("@Element3 waves".into(), vec![front.display().to_string(), front.display().to_string()], "@Element3"),
    ];
    for (prompt, elements, says) in cases {
        let mut cmd = dailies(dir.path());
        against_sim(&mut cmd, &sim);
        cmd.args(["compare", "--prompt", &prompt, "--model", "kling-o3-pro@fal", "--json", "--yes"]);
        for e in &elements {
            cmd.args(["--element", e]);
        }
        let (code, _, stderr) = tokio::task::spawn_blocking(move || run(&mut cmd)).await.unwrap();
        assert_eq!(code, 2, "{stderr}");
        assert!(stderr.contains("element:") && stderr.contains(says), "{says}: {stderr}");
    }
    assert!(sim.stats().submits.is_empty(), "nothing was sent");
    assert_eq!(sim.stats().requests.get("fal.storage.initiate"), None, "nothing was uploaded");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_library_element_is_attached_by_name_on_o3_reference_to_video() {
    let sim = start_sim(sim_config()).await;
    let dir = tempfile::tempdir().unwrap();
    let front = png(dir.path(), "front.png", 400, 600, "orange");
    let side = png(dir.path(), "side.png", 400, 600, "yellow");
    let mut add = dailies(dir.path());
    add.args(["element", "add", "Mara", &front.display().to_string(), &side.display().to_string(), "--json"]);
    let (code, added, stderr) = run(&mut add);
    assert_eq!(code, 0, "{stderr}");
    assert!(added["frontal_image"].as_str().unwrap().starts_with(&dir.path().join("elements").display().to_string()));
    let mut list = dailies(dir.path());
    list.args(["element", "list", "--json"]);
    let (_, listed, _) = run(&mut list);
    assert_eq!(listed["elements"][0]["name"], "Mara");

    // The estimate says what elements cost before anything is spent (O3 shares its price).
    let mut cmd = dailies(dir.path());
    against_sim(&mut cmd, &sim);
    cmd.args(["compare", "--prompt", "@Element1 crosses the bridge", "--model", "kling-o3-pro@fal"]);
    cmd.args(["--element", "mara", "--duration", "5", "--json", "--yes"]);
    let (code, json, stderr) = tokio::task::spawn_blocking(move || run(&mut cmd)).await.unwrap();
    assert_eq!(code, 0, "{stderr}\n{json}");
    let o3 = clip(&json, "kling-o3-pro");
    assert_eq!(o3["endpoint"], "fal-ai/kling-video/o3/pro/reference-to-video");
    assert_eq!(o3["elements"][0]["name"], "Mara");
    let body = sent(&sim, o3);
    assert!(body["elements"][0]["reference_image_urls"][0].as_str().unwrap().ends_with("/ref1.png"), "{body}");

    let mut rm = dailies(dir.path());
    rm.args(["element", "rm", "Mara"]);
    assert_eq!(run(&mut rm).0, 0);
    let mut gone = dailies(dir.path());
    gone.args(["compare", "--prompt", "@Element1 waves", "--model", "kling-o3-pro@fal", "--element", "Mara", "--yes"]);
    let (code, _, stderr) = run(&mut gone);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("element:") && stderr.contains("neither an image file"), "{stderr}");
}

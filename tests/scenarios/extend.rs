//! Extending a finished clip on every route with a documented extend endpoint, through the
//! engine and `dailies extend`, against the emulator (strict per the routes' docs): fal's
//! Veo 3.1 and LTX-2.3 (`…/extend-video`, the source uploaded through fal storage), Veo on the
//! Gemini API (`instances[0].video.uri`), Luma (`keyframes.frame0 = {type: generation}`).
//! The extension is a new clip linked to its source and a child run of the source's run.

use dailies_core::api::{ClipStatus, ClipView, CompareRequest, ContinueKind, ExtendRequest};
use dailies_core::catalog::CanonicalParams;
use dailies_core::Studio;
use dailies_sim::SimHandle;
use dailies_tests::{against_sim, dailies, run, sim_config, start_sim, studio_on};
use serde_json::{json, Value};

fn short(id: &str) -> &str {
    &id[id.len() - 8..]
}

async fn made(studio: &Studio, model: &str, params: CanonicalParams) -> ClipView {
    let plan = studio.plan(&CompareRequest { params, models: vec![model.into()], ..Default::default() }).unwrap();
    let view = studio.start(&plan).await.unwrap().finish().await.unwrap();
    let clip = view.clips[0].clone();
    assert_eq!(clip.status, ClipStatus::Succeeded, "{model}: {:?}", clip.error);
    clip
}

fn ask(clip_id: &str, prompt: Option<&str>, duration_s: Option<u32>) -> ExtendRequest {
    ExtendRequest { clip_id: clip_id.into(), prompt: prompt.map(Into::into), duration_s, max_cost_usd: None }
}

/// The body the emulator accepted for a clip's submit.
fn sent(sim: &SimHandle, clip: &ClipView) -> Value {
    let job = clip.provider_job_id.as_deref().unwrap();
    sim.stats().submits.iter().find(|s| s.job_id == job).map(|s| s.body.clone()).unwrap()
}

fn params(prompt: &str, duration_s: u32, resolution: &str) -> CanonicalParams {
    CanonicalParams {
        prompt: prompt.into(),
        duration_s: Some(duration_s),
        resolution: Some(resolution.into()),
        ..Default::default()
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn veo_on_fal_extends_an_uploaded_source_into_a_linked_child_run() {
    let sim = start_sim(sim_config()).await;
    let dir = tempfile::tempdir().unwrap();
    let studio = studio_on(&sim, dir.path()).await;
    let source = made(&studio, "veo-3.1@fal", params("a ship leaves the harbour", 8, "720p")).await;

    let plan = studio.plan_extend(&ask(short(&source.id), Some("the ship sails into a storm"), None)).await.unwrap();
    let planned = &plan.clips[0];
    assert_eq!(planned.endpoint, "fal-ai/veo3.1/extend-video");
    assert_eq!(
        (planned.continues, planned.remix_of.as_deref()),
        (Some(ContinueKind::Extend), Some(source.id.as_str()))
    );
    assert_eq!(planned.resolved.duration_s, 7, "the route's only documented extension");
    assert!((plan.estimated_cost_usd - 2.8).abs() < 1e-9, "7 s at $0.40/s with audio: {}", plan.estimated_cost_usd);
    assert_eq!(plan.parent_run_id.as_deref(), Some(source.run_id.as_str()));
    assert_eq!(planned.parity[0].message, format!("extension of {}: 7 s more at 720p 16:9", short(&source.id)));

    let uploads_before = sim.stats().requests.get("fal.storage.put").copied().unwrap_or(0);
    let run = studio.start(&plan).await.unwrap().finish().await.unwrap();
    let clip = &run.clips[0];
    assert_eq!(clip.status, ClipStatus::Succeeded, "{:?}", clip.error);
    assert_eq!((clip.continues, clip.remix_of.as_deref()), (Some(ContinueKind::Extend), Some(source.id.as_str())));
    assert_eq!(sim.stats().requests["fal.storage.put"], uploads_before + 1, "the source went up once");
    let body = sent(&sim, clip);
    let url = body["video_url"].as_str().unwrap();
    assert!(url.starts_with(&sim.base_url()) && url.contains("/fal-cdn/files/"), "an emulator upload: {url}");
    let uploaded = reqwest::get(url).await.unwrap().bytes().await.unwrap();
    assert_eq!(uploaded.as_ref(), std::fs::read(source.file.as_deref().unwrap()).unwrap(), "the source's own bytes");
    assert_eq!((body["prompt"].as_str(), body["duration"].as_str()), (Some("the ship sails into a storm"), Some("7s")));

    // The library and the lineage show both: the source run, then the extension.
    let iteration = studio.iteration(&run.run_id).await.unwrap();
    let runs: Vec<&str> = iteration.versions.iter().map(|v| v.run_id.as_str()).collect();
    assert_eq!(runs, [source.run_id.as_str(), run.run_id.as_str()]);
    let kinds: Vec<_> = iteration.versions.iter().map(|v| v.continues).collect();
    assert_eq!(kinds, [None, Some(ContinueKind::Extend)]);
    assert_eq!(studio.run(&run.run_id).await.unwrap().clips[0].continues, Some(ContinueKind::Extend));

    // Refused before any request: a length the route does not document, a 4k source.
    let submits = sim.stats().submits.len();
    let err = studio.plan_extend(&ask(&source.id, None, Some(8))).await.unwrap_err();
    assert_eq!(err.to_string(), "duration: veo-3.1@fal extends by 7 s, not 8 s; allowed values: 7");
    assert_eq!(err.field(), Some("duration"));
    let big = made(&studio, "veo-3.1@fal", params("a ship", 8, "4k")).await;
    let err = studio.plan_extend(&ask(&big.id, None, None)).await.unwrap_err();
    assert_eq!(err.to_string(), "clip: veo-3.1@fal extends 720p or 1080p sources only; this clip is 4k");
    assert_eq!(sim.stats().submits.len(), submits + 1, "only the 4k source was sent");
}

#[tokio::test(flavor = "multi_thread")]
async fn ltx_on_fal_adds_the_asked_seconds_and_keeps_the_source_prompt() {
    let sim = start_sim(sim_config()).await;
    let dir = tempfile::tempdir().unwrap();
    let studio = studio_on(&sim, dir.path()).await;
    let source = made(&studio, "ltx-2.3@fal", params("a paper boat on a stream", 6, "1080p")).await;
    let plan = studio.plan_extend(&ask(&source.id, Some("  "), Some(12))).await.unwrap();
    assert_eq!(plan.clips[0].resolved.prompt, "a paper boat on a stream", "a blank prompt keeps the source's");
    assert!((plan.estimated_cost_usd - 1.2).abs() < 1e-9, "12 s at $0.10/s: {}", plan.estimated_cost_usd);
    let run = studio.start(&plan).await.unwrap().finish().await.unwrap();
    let clip = &run.clips[0];
    assert_eq!(clip.status, ClipStatus::Succeeded, "{:?}", clip.error);
    let body = sent(&sim, clip);
    assert_eq!((&body["duration"], &body["mode"]), (&json!(12), &json!("end")));
    assert!(body["video_url"].as_str().unwrap().contains("/fal-cdn/files/"));
    assert_eq!(clip.duration_s.map(f64::round), Some(12.0), "the emulator renders the asked seconds");
    let err = studio.plan_extend(&ask(&source.id, None, Some(25))).await.unwrap_err();
    assert!(err.to_string().starts_with("duration: ltx-2.3@fal extends by 2, 3, 4"), "{err}");
}

#[tokio::test(flavor = "multi_thread")]
async fn veo_on_google_and_luma_reference_the_providers_own_copy() {
    let sim = start_sim(sim_config()).await;
    let dir = tempfile::tempdir().unwrap();
    let studio = studio_on(&sim, dir.path()).await;

    let veo = made(&studio, "veo-3.1@google", params("dawn over dunes", 8, "720p")).await;
    let plan = studio.plan_extend(&ask(&veo.id, Some("a caravan appears"), None)).await.unwrap();
    let clip = studio.start(&plan).await.unwrap().finish().await.unwrap().clips[0].clone();
    assert_eq!(clip.status, ClipStatus::Succeeded, "{:?}", clip.error);
    let body = sent(&sim, &clip);
    let uri = body["instances"][0]["video"]["uri"].as_str().unwrap();
    let source_file = veo.provider_job_id.as_deref().unwrap().rsplit('/').next().unwrap().to_string();
    assert!(uri.contains(&format!("/files/{source_file}:download")), "the source operation's own file: {uri}");
    assert_eq!(body["parameters"]["durationSeconds"], json!(8));
    let hd = made(&studio, "veo-3.1@google", params("dawn", 8, "1080p")).await;
    let err = studio.plan_extend(&ask(&hd.id, None, None)).await.unwrap_err();
    assert_eq!(err.to_string(), "clip: veo-3.1@google extends 720p sources only; this clip is 1080p");

    let ray = made(&studio, "luma-ray-2@luma", params("a kite over a cliff", 5, "720p")).await;
    let plan = studio.plan_extend(&ask(&ray.id, Some("the kite string snaps"), Some(9))).await.unwrap();
    let clip = studio.start(&plan).await.unwrap().finish().await.unwrap().clips[0].clone();
    assert_eq!(clip.status, ClipStatus::Succeeded, "{:?}", clip.error);
    let body = sent(&sim, &clip);
    assert_eq!(body["keyframes"], json!({"frame0": {"type": "generation", "id": ray.provider_job_id}}));
    assert_eq!(body["duration"], json!("9s"));
}

#[tokio::test(flavor = "multi_thread")]
async fn routes_without_an_extend_endpoint_are_refused_naming_the_routes_that_can() {
    let sim = start_sim(sim_config()).await;
    let dir = tempfile::tempdir().unwrap();
    let studio = studio_on(&sim, dir.path()).await;
    let kling = made(&studio, "kling-3.0-standard@fal", params("a fox", 5, "720p")).await;
    let err = studio.plan_extend(&ask(&kling.id, None, None)).await.unwrap_err();
    let text = err.to_string();
    assert!(text.starts_with("clip: kling-3.0-standard@fal clips cannot be extended; extend works on clips from "));
    for route in ["veo-3.1@fal", "ltx-2.3@fal", "veo-3.1@google", "luma-ray-2@luma"] {
        assert!(text.contains(route), "{route} missing from: {text}");
    }
    assert_eq!((err.code(), err.field()), ("invalid_input", Some("clip")));
}

/// The emulator's extend endpoints are as strict as fal documents them, so an adapter that
/// passes here would pass against the real service.
#[tokio::test(flavor = "multi_thread")]
async fn the_fal_emulator_refuses_extend_requests_fal_would_refuse() {
    let sim = start_sim(sim_config()).await;
    let base = sim.route_base_url("fal").unwrap();
    let key = sim.route_key("fal").unwrap();
    let http = reqwest::Client::new();
    let post = |endpoint: &str, body: Value| {
        http.post(format!("{base}/{endpoint}")).header("Authorization", format!("Key {key}")).json(&body).send()
    };
    let upload = |bytes: Vec<u8>, mime: &'static str| {
        let (http, base, key) = (http.clone(), base.clone(), key.clone());
        async move {
            let issued: Value = http
                .post(format!("{base}/rest/storage/upload/initiate?storage_type=fal-cdn-v3"))
                .header("Authorization", format!("Key {key}"))
                .json(&json!({"content_type": mime, "file_name": "a.mp4"}))
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
            let put = http.put(issued["upload_url"].as_str().unwrap()).header("Content-Type", mime).body(bytes);
            assert!(put.send().await.unwrap().status().is_success());
            issued["file_url"].as_str().unwrap().to_string()
        }
    };
    let detail = |body: Value| body["detail"][0]["type"].as_str().unwrap_or_default().to_string();

    // Missing video_url, a URL nothing uploaded, a file that is not a video, an undocumented length.
    let r = post("fal-ai/veo3.1/extend-video", json!({"prompt": "go on"})).await.unwrap();
    assert_eq!(r.status(), 422);
    assert_eq!(detail(r.json().await.unwrap()), "missing");
    let r = post("fal-ai/ltx-2.3/extend-video", json!({"video_url": "https://example.com/a.mp4"})).await.unwrap();
    assert_eq!(r.status(), 422);
    assert_eq!(detail(r.json().await.unwrap()), "file_download_error");
    let not_video = upload(b"\x89PNG\r\n\x1a\n not a video".to_vec(), "video/mp4").await;
    let r = post("fal-ai/ltx-2.3/extend-video", json!({"video_url": not_video})).await.unwrap();
    assert_eq!(r.status(), 422);
    assert_eq!(detail(r.json().await.unwrap()), "video_load_error");
    // An `ftyp` box and nothing after it: an MP4's first bytes, but no movie to load.
    let header_only = upload(b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2".to_vec(), "video/mp4").await;
    let r = post("fal-ai/ltx-2.3/extend-video", json!({"video_url": header_only})).await.unwrap();
    assert_eq!(r.status(), 422);
    assert_eq!(detail(r.json().await.unwrap()), "video_load_error");
    let dir = tempfile::tempdir().unwrap();
    let video = upload(real_mp4(dir.path()), "video/mp4").await;
    let r = post("fal-ai/veo3.1/extend-video", json!({"prompt": "go on", "video_url": video, "duration": "8s"}));
    assert_eq!(r.await.unwrap().status(), 422);
    let r = post("fal-ai/ltx-2.3/extend-video", json!({"video_url": video, "duration": 21})).await.unwrap();
    assert_eq!(r.status(), 422);
    let r = post("fal-ai/veo3.1/extend-video", json!({"prompt": "go on", "video_url": video})).await.unwrap();
    assert_eq!(r.status(), 200, "{:?}", r.text().await);
}

#[tokio::test(flavor = "multi_thread")]
async fn dailies_extend_runs_on_a_key_and_exits_2_naming_the_field() {
    let sim = start_sim(sim_config()).await;
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = dailies(dir.path());
    against_sim(&mut cmd, &sim);
    cmd.args(["compare", "--prompt", "a paper boat", "--model", "ltx-2.3@fal", "--json", "--yes"]);
    let (code, source, stderr) = run(&mut cmd);
    assert_eq!(code, 0, "{stderr}");
    let source_id = source["clips"][0]["clip_id"].as_str().unwrap().to_string();

    let extend = |args: &[&str]| {
        let mut cmd = dailies(dir.path());
        against_sim(&mut cmd, &sim);
        cmd.arg("extend").arg(short(&source_id)).args(args);
        run(&mut cmd)
    };
    let (code, out, stderr) = extend(&["--prompt", "it reaches the sea", "--duration", "4", "--json", "--yes"]);
    assert_eq!(code, 0, "{stderr}");
    let clip = &out["clips"][0];
    assert_eq!((clip["status"].as_str(), clip["continues"].as_str()), (Some("succeeded"), Some("extend")));
    assert_eq!(clip["remix_of"].as_str(), Some(source_id.as_str()));
    assert!(stderr.contains(&format!("parity: extension of {}", short(&source_id))), "{stderr}");

    // Bad input exits 2 naming the field, before anything is sent.
    let (code, _, stderr) = extend(&["--duration", "30", "--json", "--yes"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("duration: ltx-2.3@fal extends by 2,"), "{stderr}");
    let (code, _, stderr) = extend(&["--duration", "five", "--yes"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("--duration"), "{stderr}");
    let (code, _, stderr) = extend(&["--json"]);
    assert_eq!(code, 2, "no --yes off a terminal: {stderr}");
    assert!(stderr.contains("yes: "), "{stderr}");
    let (code, _, stderr) = extend(&["--max-cost", "0.1", "--yes"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("max-cost: "), "{stderr}");

    // Budgets apply as for a comparison.
    let (code, _, stderr) = run(dailies(dir.path()).args(["settings", "set", "budget.run_usd", "0.3"]));
    assert_eq!(code, 0, "{stderr}");
    let (code, _, stderr) = extend(&["--duration", "5", "--yes"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("budget.run_usd: "), "{stderr}");
}

/// A real 3 s H.264 MP4, as a creator's source clip would be.
fn real_mp4(dir: &std::path::Path) -> Vec<u8> {
    let path = dir.join("source.mp4");
    let status = std::process::Command::new("ffmpeg")
        .args(["-v", "error", "-y", "-f", "lavfi", "-i", "testsrc=s=320x180:r=12", "-t", "3"])
        .args(["-c:v", "libx264", "-pix_fmt", "yuv420p"])
        .arg(&path)
        .status()
        .expect("ffmpeg runs");
    assert!(status.success());
    std::fs::read(&path).unwrap()
}

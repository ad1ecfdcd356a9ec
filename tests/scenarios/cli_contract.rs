//! The `dailies compare` contract: exit codes, JSON shape, parity, validation before I/O.

use dailies_core::probe::probe_mp4;
use dailies_tests::{against_sim, dailies, run, sim_config, start_sim};

#[tokio::test(flavor = "multi_thread")]
async fn strict_refuses_sora_pro_10s_naming_allowed_values_and_sends_nothing() {
    let sim = start_sim(sim_config()).await;
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = dailies(dir.path());
    against_sim(&mut cmd, &sim);
    cmd.args(["compare", "--strict", "--model", "sora-2-pro", "--duration", "10", "--prompt", "fog", "--yes"]);
    let (code, _, stderr) = run(&mut cmd);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("4, 8, 12"), "{stderr}");
    assert!(stderr.contains("duration"), "{stderr}");
    assert!(sim.stats().requests.values().all(|n| *n == 0), "no request may be sent: {:?}", sim.stats().requests);
}

#[tokio::test(flavor = "multi_thread")]
async fn demo_compare_returns_two_real_clips_with_probed_size_and_duration() {
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = dailies(dir.path());
    cmd.args([
        "compare",
        "--demo",
        "--prompt",
        "a lighthouse in fog",
        "--model",
        "kling-3.0-pro",
        "--model",
        "sora-2-pro",
        "--json",
        "--yes",
    ]);
    let (code, json, stderr) = run(&mut cmd);
    assert_eq!(code, 0, "{stderr}\n{json}");
    assert_eq!(json["prompt"], "a lighthouse in fog");
    assert!(json["estimated_cost_usd"].as_f64().unwrap() > 0.0);
    let clips = json["clips"].as_array().unwrap();
    assert_eq!(clips.len(), 2);
    for clip in clips {
        assert_eq!(clip["status"], "succeeded", "{clip}");
        let probe = probe_mp4(std::path::Path::new(clip["file"].as_str().unwrap())).unwrap();
        assert_eq!(Some(u64::from(probe.width)), clip["width"].as_u64());
        assert_eq!(Some(u64::from(probe.height)), clip["height"].as_u64());
        assert!((probe.duration_s - clip["duration_s"].as_f64().unwrap()).abs() < 0.01);
        assert!(clip["cost_usd"].as_f64().unwrap() > 0.0);
        for phase in ["queued", "generating", "downloading", "total"] {
            assert!(clip["latency_ms"][phase].as_i64().is_some(), "{phase} missing: {clip}");
        }
        assert!(clip["provider_job_id"].as_str().is_some());
    }
    let kling = clips.iter().find(|c| c["model"] == "kling-3.0-pro").unwrap();
    assert_eq!((kling["width"].as_u64(), kling["height"].as_u64()), (Some(1920), Some(1080)));
    assert_eq!(kling["duration_s"].as_f64(), Some(5.0));
    let sora = clips.iter().find(|c| c["model"] == "sora-2-pro").unwrap();
    assert_eq!((sora["route"].as_str(), sora["width"].as_u64()), (Some("openai"), Some(1280)));
}

#[tokio::test(flavor = "multi_thread")]
async fn without_strict_sora_pro_runs_12s_and_carries_the_parity_note() {
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = dailies(dir.path());
    cmd.args(["compare", "--demo", "--prompt", "fog", "--model", "sora-2-pro", "--duration", "10", "--json", "--yes"]);
    let (code, json, stderr) = run(&mut cmd);
    assert_eq!(code, 0, "{stderr}");
    let clip = &json["clips"][0];
    assert_eq!(clip["resolved"]["duration_s"], 12);
    assert_eq!(clip["parity"][0]["message"], "asked 10 s → ran 12 s");
    assert!((clip["duration_s"].as_f64().unwrap() - 12.0).abs() < 0.1, "{clip}");
    let (code, shown, _) = run(dailies(dir.path()).args(["show", json["run_id"].as_str().unwrap(), "--json"]));
    assert_eq!(code, 0);
    assert_eq!(shown["clips"][0]["parity"][0]["message"], "asked 10 s → ran 12 s");
    let (_, runs, _) = run(dailies(dir.path()).args(["runs", "--json"]));
    assert_eq!(runs[0]["run_id"], json["run_id"]);
}

#[test]
fn invalid_input_exits_2_before_any_request_with_the_field_named() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&[&str], &str); 6] = [
        (&["--prompt", "  ", "--model", "kling-3.0-pro"], "prompt"),
        (&["--prompt", "fog", "--model", "kling-3-pro"], "did you mean"),
        (&["--prompt", "fog", "--model", "kling-3.0-pro", "--duration", "60"], "duration"),
        (&["--prompt", "fog", "--model", "kling-3.0-pro", "--aspect", "5:4"], "aspect"),
        (&["--prompt", "fog", "--model", "kling-3.0-pro", "--max-cost", "0.10"], "max-cost"),
        (&["--prompt", "fog", "--model", "sora-2@replicate"], "available routes"),
    ];
    for (args, needle) in cases {
        // No emulator and no key: any attempt to reach a provider would fail differently.
        let mut cmd = dailies(dir.path());
        cmd.args(["compare", "--demo", "--yes"]).args(args);
        let (code, _, stderr) = run(&mut cmd);
        assert_eq!(code, 2, "{args:?}: {stderr}");
        assert!(stderr.contains(needle), "{args:?} should mention {needle}: {stderr}");
    }
}

#[test]
fn spending_without_yes_is_refused_when_not_interactive() {
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = dailies(dir.path());
    cmd.env("FAL_KEY", "k").env("DAILIES_FAL_BASE_URL", "http://127.0.0.1:9");
    cmd.args(["compare", "--prompt", "fog", "--model", "kling-3.0-pro"]);
    let (code, _, stderr) = run(&mut cmd);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("--yes"), "{stderr}");
}

#[test]
fn models_json_lists_every_model_route_with_lifecycle_and_prices() {
    let dir = tempfile::tempdir().unwrap();
    let (code, json, _) = run(dailies(dir.path()).args(["models", "--json"]));
    assert_eq!(code, 0);
    let rows = json.as_array().unwrap();
    let sora_fal = rows.iter().find(|r| r["id"] == "sora-2-pro@fal").unwrap();
    assert_eq!(sora_fal["lifecycle"]["state"], "retired");
    let kling = rows.iter().find(|r| r["id"] == "kling-3.0-pro@fal").unwrap();
    assert_eq!(kling["price"]["rules"][1]["usd_per_second"], 0.168);
    assert!(kling["price"]["source"].as_str().unwrap().contains("fal"));
}

/// `dailies bench` keeps working (it measures, it asserts nothing about speed).
#[test]
fn bench_writes_a_benchmarks_table() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("BENCHMARKS.md");
    let mut cmd = dailies(dir.path());
    // 3 s emulator jobs keep the ETA-guided polling part (two runs over every route) short.
    let args = ["bench", "--allow-debug-build", "--clips", "2", "--library-runs", "50,20", "--eta-job-s", "3", "--out"];
    cmd.args(args).arg(&out);
    let (code, _, stderr) = run(&mut cmd);
    assert_eq!(code, 0, "{stderr}");
    let report = std::fs::read_to_string(&out).unwrap();
    // One library grows through the sizes (sorted); the larger size's rows compare to the smaller.
    let list: Vec<&str> = report.lines().filter(|l| l.starts_with("| library list (newest 200 runs) |")).collect();
    assert_eq!(list.len(), 2, "{report}");
    assert!(list[0].contains("20 runs, 40 clips") && !list[0].contains("×"), "{}", list[0]);
    assert!(list[1].contains("50 runs, 100 clips") && list[1].contains("× the 20-run figure"), "{}", list[1]);
    for row in [
        "| plan (validate, parity, estimate) | 500 |",
        "| library search, common word + prefix (`lighthouse in`) | 50 |",
        "| per-model stats over the library |",
        "## ETA-guided polling",
        "### warm (history of the cold run)",
        "| luma | luma-ray-2 |",
    ] {
        assert!(report.contains(row), "missing {row:?} in:\n{report}");
    }
}

/// Numbers from a debug build would mislead: the bench refuses one unless told, naming the way out.
#[test]
fn bench_refuses_a_debug_build_unless_told() {
    if !cfg!(debug_assertions) {
        return; // the test binary and the CLI share a profile; a release CLI measures
    }
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = dailies(dir.path());
    cmd.args(["bench", "--clips", "1", "--out"]).arg(dir.path().join("B.md"));
    let (code, _, stderr) = run(&mut cmd);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("build") && stderr.contains("--release") && stderr.contains("--allow-debug-build"),
        "{stderr}"
    );
    assert!(!dir.path().join("B.md").exists(), "nothing measured, nothing written");
}

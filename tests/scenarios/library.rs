//! The library through `dailies`: search runs by words, model and stars, rate clips by their
//! short id, and per-model statistics (delivered, p50/p95 latency, cost per second and how much of it is billed).

use dailies_tests::{dailies, run};

#[tokio::test(flavor = "multi_thread")]
async fn runs_are_searched_rated_and_summed_up_per_model() {
    let dir = tempfile::tempdir().unwrap();
    let compare = |prompt: &str, model: &str| {
        let mut cmd = dailies(dir.path());
        cmd.args(["compare", "--demo", "--prompt", prompt, "--model", model, "--duration", "4", "--json", "--yes"]);
        let (code, json, stderr) = run(&mut cmd);
        assert_eq!(code, 0, "{stderr}");
        json
    };
    let fog = compare("a lighthouse in fog", "kling-3.0-standard@fal");
    let harbour = compare("a harbour at dawn", "sora-2@openai");
    let clip_id = fog["clips"][0]["clip_id"].as_str().unwrap().to_string();

    let runs = |args: &[&str]| {
        let (code, json, stderr) = run(dailies(dir.path()).arg("runs").args(args).arg("--json"));
        assert_eq!(code, 0, "{stderr}");
        json.as_array().unwrap().iter().map(|r| r["run_id"].as_str().unwrap().to_string()).collect::<Vec<_>>()
    };
    assert_eq!(runs(&["--search", "LIGHTHOUSE"]), [fog["run_id"].as_str().unwrap()]);
    assert_eq!(runs(&["--model", "sora-2@openai"]), [harbour["run_id"].as_str().unwrap()]);
    assert!(runs(&["--min-rating", "4"]).is_empty());

    let (code, rated, stderr) = run(dailies(dir.path()).args(["rate", &clip_id[clip_id.len() - 8..], "5", "--json"]));
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(rated["rating"], 5);
    assert_eq!(runs(&["--min-rating", "4"]), [fog["run_id"].as_str().unwrap()]);
    let (code, _, stderr) = run(dailies(dir.path()).args(["rate", &clip_id, "6"]));
    assert_eq!(code, 2);
    assert!(stderr.contains("stars: '6' is not valid; allowed values: 1, 2, 3, 4, 5, none"), "{stderr}");
    let (code, _, stderr) = run(dailies(dir.path()).args(["runs", "--min-rating", "9"]));
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("min-rating: '9' is not valid"), "{stderr}");

    // Demo clips are simulated, so statistics leave them out unless asked.
    let (_, stats, _) = run(dailies(dir.path()).args(["stats", "--json"]));
    assert_eq!(stats, serde_json::json!([]));
    let (code, stats, stderr) = run(dailies(dir.path()).args(["stats", "--include-demo", "--json"]));
    assert_eq!(code, 0, "{stderr}");
    let rows = stats.as_array().unwrap();
    assert_eq!(rows.len(), 2, "{stats}");
    let kling = rows.iter().find(|r| r["model"] == "kling-3.0-standard").unwrap();
    assert_eq!((kling["clips"].as_u64(), kling["succeeded"].as_u64()), (Some(1), Some(1)));
    assert!(kling["p50_total_ms"].as_i64().unwrap() > 0, "{kling}");
    assert_eq!(kling["p50_total_ms"], kling["p95_total_ms"], "one clip: p50 is p95");
    // 4 s at $0.126/s (audio on by default) = $0.504, so $0.126 per second of video.
    assert_eq!((kling["mean_cost_usd"].as_f64(), kling["usd_per_video_second"].as_f64()), (Some(0.504), Some(0.126)));
    assert_eq!((kling["mean_rating"].as_f64(), kling["rated"].as_u64()), (Some(5.0), Some(1)));
    assert_eq!(kling["billed_share"].as_f64(), Some(0.0), "fal reported no charge: {kling}");
    let out = dailies(dir.path()).args(["stats", "--include-demo"]).output().unwrap();
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(table.contains("kling-3.0-standard@fal") && table.contains("5.0 (1)"), "{table}");
    assert!(table.contains("cost is") && table.contains("est."), "{table}");
}

#[tokio::test(flavor = "multi_thread")]
async fn blind_votes_make_a_personal_bradley_terry_leaderboard() {
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = dailies(dir.path());
    cmd.args(["compare", "--demo", "--prompt", "a lighthouse in fog", "--duration", "4", "--json", "--yes"]);
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
    let id = |model: &str| {
        let clips = json["clips"].as_array().unwrap();
        let id = clips.iter().find(|c| c["model"] == model).unwrap()["clip_id"].as_str().unwrap();
        id[id.len() - 8..].to_string()
    };
    let (kling, sora, seedance) = (id("kling-3.0-standard"), id("sora-2"), id("seedance-2.0-fast"));
    let vote = |left: &str, right: &str, winner: &str, criterion: &str| {
        run(dailies(dir.path()).args(["vote", left, right, "--winner", winner, "--criterion", criterion, "--json"]))
    };
    let board = |criterion: Option<&str>| {
        let mut cmd = dailies(dir.path());
        cmd.args(["leaderboard", "--json"]);
        if let Some(c) = criterion {
            cmd.args(["--criterion", c]);
        }
        let (code, json, stderr) = run(&mut cmd);
        assert_eq!(code, 0, "{stderr}");
        json.as_array()
            .unwrap()
            .iter()
            .map(|r| (r["model"].as_str().unwrap().to_string(), r["rating"].as_f64().unwrap()))
            .collect::<Vec<_>>()
    };

    let (code, out, stderr) = vote(&kling, &sora, "left", "motion");
    assert_eq!((code, out["votes_in_run"].as_u64()), (0, Some(1)), "{stderr}");
    // Bradley–Terry on the Elo scale: one win puts the winner above the 1000 anchor, the
    // loser as far below it.
    let one = board(None);
    assert_eq!((one[0].0.as_str(), one[1].0.as_str()), ("kling-3.0-standard", "sora-2"), "{one:?}");
    assert!(one[0].1 > 1000.0 && (one[0].1 + one[1].1 - 2000.0).abs() <= 1.0, "{one:?}");

    assert_eq!(vote(&kling, &seedance, "right", "overall").0, 0);
    assert_eq!(vote(&sora, &seedance, "tie", "overall").0, 0);
    let order: Vec<String> = board(None).into_iter().map(|(m, _)| m).collect();
    assert_eq!(order, ["seedance-2.0-fast", "kling-3.0-standard", "sora-2"]);
    // On motion alone, only the first vote counts.
    assert_eq!(board(Some("motion")), one, "on motion alone, only the first vote counts");

    let (code, _, stderr) = vote(&kling, &kling, "left", "overall");
    assert_eq!(code, 2);
    assert!(stderr.contains("clips: a clip cannot be compared with itself"), "{stderr}");
    let (code, _, stderr) = vote(&kling, &sora, "left", "vibes");
    assert_eq!(code, 2);
    assert!(
        stderr.contains("criterion: 'vibes' is not valid; allowed values: overall, prompt, motion, look, audio"),
        "{stderr}"
    );
}

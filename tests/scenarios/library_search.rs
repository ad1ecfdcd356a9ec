//! `dailies runs --search` and its filters over real runs: accents and case ignored, the
//! last word a prefix, punctuation never syntax, clip filters, dates, cost, the trash, and
//! bad filter values refused with exit 2 naming the flag and what it accepts.

use std::path::Path;

use dailies_tests::{dailies, run};

fn compare(dir: &Path, prompt: &str, model: &str) -> String {
    let mut cmd = dailies(dir);
    cmd.args(["compare", "--demo", "--prompt", prompt, "--model", model, "--duration", "4", "--json", "--yes"]);
    let (code, json, stderr) = run(&mut cmd);
    assert_eq!(code, 0, "{stderr}");
    json["run_id"].as_str().unwrap().to_string()
}

fn runs(dir: &Path, args: &[&str]) -> Vec<String> {
    let (code, json, stderr) = run(dailies(dir).arg("runs").args(args).arg("--json"));
    assert_eq!(code, 0, "{args:?}: {stderr}");
    json.as_array().unwrap().iter().map(|r| r["run_id"].as_str().unwrap().to_string()).collect()
}

fn refused(dir: &Path, args: &[&str]) -> String {
    let (code, _, stderr) = run(dailies(dir).arg("runs").args(args));
    assert_eq!(code, 2, "{args:?} must exit 2: {stderr}");
    stderr
}

#[tokio::test(flavor = "multi_thread")]
async fn runs_are_found_by_words_and_filters() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let cafe = compare(d, "Café terrace at golden-hour", "kling-3.0-standard@fal");
    let lighthouse = compare(d, "a lighthouse in fog", "sora-2@openai");

    assert_eq!(runs(d, &["--search", "cafe"]), [cafe.as_str()], "accents are ignored");
    assert_eq!(runs(d, &["--search", "TERRACE café"]), [cafe.as_str()], "case too");
    assert_eq!(runs(d, &["--search", "lightho"]), [lighthouse.as_str()], "the last word is a prefix");
    assert_eq!(runs(d, &["--search", "golden-hour"]), [cafe.as_str()], "punctuation is not syntax");
    for syntax in ["\"", "NEAR(", "fog OR", "x:y", "-", "*"] {
        runs(d, &["--search", syntax]);
    }
    assert!(runs(d, &["--search", "lighthouse golden"]).is_empty(), "every word must match");

    assert_eq!(runs(d, &["--route", "openai"]), [lighthouse.as_str()]);
    assert_eq!(runs(d, &["--status", "succeeded"]), [lighthouse.as_str(), cafe.as_str()], "newest first");
    assert!(runs(d, &["--status", "failed"]).is_empty());
    assert_eq!(runs(d, &["--since", "2000-01-01", "--until", "2999-12-31"]).len(), 2);
    assert!(runs(d, &["--until", "2000-01-01"]).is_empty());
    assert!(runs(d, &["--tag", "hero"]).is_empty(), "nothing is tagged");
    assert!(runs(d, &["--max-cost", "0"]).is_empty(), "both clips cost something");
    assert_eq!(runs(d, &["--max-cost", "100"]).len(), 2);

    let (_, json, _) = run(dailies(d).args(["runs", "--json", "--search", "fog"]));
    let item = &json[0];
    for field in ["winner_clip_id", "parent_run_id"] {
        assert!(item.as_object().unwrap().contains_key(field), "{field} missing: {item}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_filter_values_exit_2_naming_the_flag_and_what_it_takes() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let stderr = refused(d, &["--since", "2026-02-30"]);
    assert!(stderr.contains("since: '2026-02-30' is not valid") && stderr.contains("YYYY-MM-DD"), "{stderr}");
    let stderr = refused(d, &["--until", "yesterday"]);
    assert!(stderr.contains("until: 'yesterday'") && stderr.contains("YYYY-MM-DD"), "{stderr}");
    let stderr = refused(d, &["--status", "done"]);
    assert!(stderr.contains("status: 'done' is not valid") && stderr.contains("succeeded"), "{stderr}");
    let stderr = refused(d, &["--route", "nowhere"]);
    assert!(stderr.contains("route: 'nowhere' is not valid") && stderr.contains("fal, "), "{stderr}");
    let stderr = refused(d, &["--max-cost", "-1"]);
    assert!(stderr.contains("max-cost:"), "{stderr}");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_bench_leaves_a_searchable_library_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    let out = dir.path().join("BENCH.md");
    let mut cmd = dailies(&lib);
    // `--eta-job-s 0`: the ETA-guided polling part is measured elsewhere (cli_contract).
    let args =
        ["bench", "--allow-debug-build", "--clips", "2", "--library-runs", "30", "--eta-job-s", "0", "--keep", "--out"];
    cmd.args(args).arg(&out);
    let (code, _, stderr) = run(&mut cmd);
    assert_eq!(code, 0, "{stderr}");
    let report = std::fs::read_to_string(&out).unwrap();
    assert!(report.contains("library search, common word") && report.contains("30 runs, 60 clips"), "{report}");
    assert!(!runs(&lib, &["--search", "cafe terr"]).is_empty(), "the synthetic library is searchable");
    assert_eq!(runs(&lib, &["--search", "s17"]), ["benchrun000017"]);

    // Without a folder to keep it in, the bench refuses rather than fill the default library.
    let (code, _, stderr) =
        run(std::process::Command::new(dailies_tests::dailies_bin()).args(["bench", "--allow-debug-build", "--keep"]));
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("keep:"), "{stderr}");
}

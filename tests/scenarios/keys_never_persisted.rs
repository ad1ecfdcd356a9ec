//! No key byte may reach SQLite, the media folder, logs or output.

use dailies_tests::{against_sim, dailies, run, sim_config, start_sim};

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

#[tokio::test(flavor = "multi_thread")]
async fn a_run_leaves_no_key_bytes_in_the_data_dir_or_output() {
    let fal_key = format!("fal-key-{}", uuid_like());
    let openai_key = format!("sk-test-{}", uuid_like());
    let keys =
        dailies_sim::SimKeys { fal: fal_key.clone(), openai: openai_key.clone(), ..dailies_sim::SimKeys::demo() };
    let config = dailies_sim::SimConfig { keys, ..sim_config() };
    let sim = start_sim(config).await;
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = dailies(dir.path());
    against_sim(&mut cmd, &sim);
    cmd.env("DAILIES_LOG", "trace");
    cmd.args([
        "compare",
        "--prompt",
        "fog",
        "--model",
        "kling-3.0-standard@fal",
        "--model",
        "sora-2@openai",
        "--duration",
        "4",
        "--yes",
        "--json",
    ]);
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    for (name, bytes) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
        assert!(!contains(bytes, fal_key.as_bytes()) && !contains(bytes, openai_key.as_bytes()), "key in {name}");
    }
    let mut scanned = 0;
    for entry in walk(dir.path()) {
        let bytes = std::fs::read(&entry).unwrap();
        scanned += 1;
        for key in [&fal_key, &openai_key] {
            assert!(!contains(&bytes, key.as_bytes()), "key bytes found in {}", entry.display());
        }
    }
    assert!(scanned >= 3, "expected the database and two clips, scanned {scanned} files");
    let (_, runs, _) = run(dailies(dir.path()).args(["runs", "--json"]));
    assert_eq!(runs[0]["succeeded"], 2);
}

fn uuid_like() -> String {
    let t = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos();
    format!("{t:x}{:x}", std::process::id())
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let p = entry.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

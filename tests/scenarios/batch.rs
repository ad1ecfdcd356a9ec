//! `dailies batch`: prompts one a line or as JSON Lines × the picked models, each line a run,
//! from a file or stdin; every line validated before the first request.

use std::io::Write;
use std::process::Stdio;

use dailies_tests::{against_sim, dailies, run, sim_config, start_sim};

const FILE: &str = "# storyboard for the harbour spot\n\
a lighthouse in fog\n\
\n\
{\"prompt\": \"a harbour at night\", \"duration\": 10, \"models\": [\"sora-2@openai\"]}\n";

#[tokio::test(flavor = "multi_thread")]
async fn a_file_of_prompts_and_json_lines_runs_each_line_as_a_run() {
    let sim = start_sim(sim_config()).await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("prompts.txt");
    std::fs::write(&file, FILE).unwrap();
    let mut cmd = dailies(dir.path());
    against_sim(&mut cmd, &sim);
    cmd.arg("batch").arg(&file).args(["--model", "wan-2.5@fal", "--duration", "5", "--json", "--yes"]);
    let (code, json, stderr) = run(&mut cmd);
    assert_eq!(code, 0, "{stderr}\n{json}");
    let runs = json["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 2, "comment and blank lines are skipped: {json}");
    assert_eq!(runs[0]["prompt"], "a lighthouse in fog");
    assert_eq!(runs[0]["clips"][0]["model"], "wan-2.5");
    assert_eq!(runs[0]["clips"][0]["resolved"]["duration_s"], 5, "the flags' values");
    assert_eq!(runs[1]["prompt"], "a harbour at night");
    assert_eq!(runs[1]["clips"][0]["model"], "sora-2", "the line's own models");
    assert_eq!(runs[1]["params"]["duration_s"], 10, "the line's own duration");
    assert!(runs.iter().all(|r| r["clips"][0]["status"] == "succeeded"), "{json}");
    assert!(stderr.contains("[1/2] line 2: a lighthouse in fog"), "{stderr}");
    assert!(stderr.contains("[2/2] line 4: a harbour at night"), "{stderr}");
    assert!(stderr.contains("Batch done: 2 runs, 2 of 2 clips succeeded"), "{stderr}");
}

#[tokio::test(flavor = "multi_thread")]
async fn dash_reads_the_prompts_from_stdin() {
    let sim = start_sim(sim_config()).await;
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = dailies(dir.path());
    against_sim(&mut cmd, &sim);
    cmd.args(["batch", "-", "--model", "wan-2.5@fal", "--takes", "2", "--json", "--yes"]);
    let mut child = cmd.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    child.stdin.take().unwrap().write_all(b"fog over water\n").unwrap();
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let clips = json["runs"][0]["clips"].as_array().unwrap();
    assert_eq!(clips.iter().map(|c| c["take"].as_u64().unwrap()).collect::<Vec<_>>(), [1, 2]);
}

#[tokio::test(flavor = "multi_thread")]
async fn an_invalid_line_exits_2_naming_its_number_before_any_request() {
    let sim = start_sim(sim_config()).await;
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        ("a lighthouse\n# ok\n{\"prompt\": \"x\", \"aspect\": \"2:1\"}\n", "error: file: line 3: aspect: '2:1'"),
        ("fine\n{\"prompt\": \"  \"}\n", "error: file: line 2: prompt: must not be empty"),
        (
            "fine\n{\"prompt\": \"x\", \"colour\": \"red\"}\n",
            "error: file: line 2: not a valid JSON line: unknown field",
        ),
        ("fine\n{\"prompt\": \"x\", \"models\": [\"no-such-model\"]}\n", "error: file: line 2: model: unknown model"),
        ("# only a comment\n\n", "error: file: no prompt in it"),
    ];
    for (text, expected) in cases {
        let file = dir.path().join("bad.jsonl");
        std::fs::write(&file, text).unwrap();
        let mut cmd = dailies(dir.path());
        against_sim(&mut cmd, &sim);
        cmd.arg("batch").arg(&file).args(["--model", "wan-2.5@fal", "--yes"]);
        let (code, _, stderr) = run(&mut cmd);
        assert_eq!(code, 2, "{stderr}");
        assert!(stderr.contains(expected), "expected {expected:?} in {stderr}");
    }
    let mut cmd = dailies(dir.path());
    cmd.args(["batch", "/no/such/file", "--model", "wan-2.5@fal", "--yes"]);
    let (code, _, stderr) = run(&mut cmd);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("error: file: cannot read /no/such/file"), "{stderr}");
    assert!(sim.stats().requests.values().all(|n| *n == 0), "{:?}", sim.stats().requests);
}

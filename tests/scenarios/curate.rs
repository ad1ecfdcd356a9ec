//! Curating through `dailies`: tags, a winner per run, notes and boards, with bad input
//! (empty tag, unknown id, a winner from another run) refused with exit 2 naming the field.

use std::path::Path;

use dailies_tests::{dailies, run};
use serde_json::Value;

fn compare(dir: &Path, prompt: &str, models: &[&str]) -> Value {
    let mut cmd = dailies(dir);
    cmd.args(["compare", "--demo", "--prompt", prompt, "--duration", "4", "--json", "--yes"]);
    models.iter().for_each(|m| {
        cmd.args(["--model", m]);
    });
    let (code, json, stderr) = run(&mut cmd);
    assert_eq!(code, 0, "{stderr}");
    json
}

fn ok(dir: &Path, args: &[&str]) -> Value {
    let (code, json, stderr) = run(dailies(dir).args(args));
    assert_eq!(code, 0, "{args:?}: {stderr}");
    json
}

/// Exit 2 with a message that starts with the field it is about.
fn refused(dir: &Path, args: &[&str], message: &str) {
    let (code, _, stderr) = run(dailies(dir).args(args));
    assert_eq!(code, 2, "{args:?}: {stderr}");
    assert!(stderr.contains(message), "{args:?}: expected '{message}' in {stderr}");
}

fn short(clip: &Value) -> String {
    let id = clip["clip_id"].as_str().unwrap();
    id[id.len() - 8..].to_string()
}

#[tokio::test(flavor = "multi_thread")]
async fn clips_are_tagged_noted_crowned_and_put_on_boards() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let fog = compare(d, "a lighthouse in fog", &["kling-3.0-standard@fal", "sora-2@openai"]);
    let other = compare(d, "a harbour at dawn", &["sora-2@openai"]);
    let run_id = fog["run_id"].as_str().unwrap();
    let (a, b, c) = (short(&fog["clips"][0]), short(&fog["clips"][1]), short(&other["clips"][0]));
    let show = || ok(d, &["show", run_id, "--json"]);
    let clip_of = |run: &Value, short_id: &str| {
        run["clips"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["clip_id"].as_str().unwrap().ends_with(short_id))
            .unwrap()
            .clone()
    };

    let tagged = ok(d, &["tag", &a, "  Golden Hour ", "fog", "--json"]);
    assert_eq!(tagged["tags"], serde_json::json!(["fog", "golden hour"]));
    assert_eq!(clip_of(&show(), &a)["tags"], serde_json::json!(["fog", "golden hour"]));
    assert_eq!(ok(d, &["untag", &a, "FOG", "--json"])["tags"], serde_json::json!(["golden hour"]));
    refused(d, &["tag", &a, "  "], "tag: must not be empty");
    refused(d, &["tag", &a, &"x".repeat(65)], "tag: ");
    refused(d, &["tag", "zzzzzzzz", "fog"], "clip 'zzzzzzzz' not found");

    ok(d, &["winner", run_id, &b]);
    let winner = show()["winner_clip_id"].as_str().unwrap().to_string();
    assert!(winner.ends_with(&b), "{winner}");
    refused(d, &["winner", run_id, &c], "clip: ");
    refused(d, &["winner", "nope-run", &b], "run 'nope-run' not found");
    assert_eq!(show()["winner_clip_id"].as_str(), Some(winner.as_str()), "a refused winner changes nothing");
    ok(d, &["winner", run_id, "--clear"]);
    assert_eq!(show()["winner_clip_id"], Value::Null);

    assert_eq!(ok(d, &["note", &a, "best motion, soft light", "--json"])["note"], "best motion, soft light");
    assert_eq!(clip_of(&show(), &a)["note"], "best motion, soft light");
    refused(d, &["note", &a, &"n".repeat(501)], "note: is 501 characters");
    assert_eq!(ok(d, &["note", &a, "--clear", "--json"])["note"], Value::Null);

    let board = ok(d, &["board", "create", "Client picks", "--json"]);
    refused(d, &["board", "create", "client PICKS"], "name: a board named");
    refused(d, &["board", "create", "   "], "name: ");
    let added = ok(d, &["board", "add", "client picks", &a, &c, "--json"]);
    assert_eq!((added["id"].clone(), added["clip_count"].as_u64()), (board["id"].clone(), Some(2)));
    refused(d, &["board", "add", "client picks", "zzzzzzzz"], "clip 'zzzzzzzz' not found");
    refused(d, &["board", "add", "no such board", &a], "board 'no such board' not found");
    ok(d, &["board", "create", "moods"]);
    ok(d, &["board", "add", "moods", &a]);
    let list = ok(d, &["board", "list", "--json"]);
    let counts: Vec<(String, u64)> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|b| (b["name"].as_str().unwrap().to_string(), b["clip_count"].as_u64().unwrap()))
        .collect();
    assert_eq!(counts, [("Client picks".to_string(), 2), ("moods".to_string(), 1)], "a clip on two boards");
    assert_eq!(ok(d, &["board", "remove", "Client picks", &c, "--json"])["clip_count"], 1);
    assert_eq!(ok(d, &["board", "rename", "moods", "Mood board", "--json"])["name"], "Mood board");
    ok(d, &["board", "delete", "Mood board"]);
    assert_eq!(ok(d, &["board", "list", "--json"]).as_array().unwrap().len(), 1);
    assert_eq!(clip_of(&show(), &a)["tags"], serde_json::json!(["golden hour"]), "the clip itself stays");
}

/// Markers: notes pinned to a moment of a delivered clip, listed per run in time order,
/// refused outside the clip or with a time that is not one.
#[tokio::test(flavor = "multi_thread")]
async fn markers_pin_notes_to_moments_inside_a_clip() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let fog = compare(d, "a lighthouse in fog", &["kling-3.0-standard@fal", "sora-2@openai"]);
    let run_id = fog["run_id"].as_str().unwrap();
    let (a, b) = (short(&fog["clips"][0]), short(&fog["clips"][1]));
    let length_s = fog["clips"][0]["duration_s"].as_f64().expect("a delivered demo clip has a length");

    let late = ok(d, &["marker", "add", &a, "--at", "0:02.5", "hand melts", "--json"]);
    assert_eq!(late["at_ms"], 2500);
    ok(d, &["marker", "add", &a, "--at", "0.4", "  good open  "]);
    ok(d, &["marker", "add", &b, "--at", "1", "flicker"]);
    let listed = ok(d, &["marker", "list", run_id, "--json"]);
    let rows: Vec<(String, i64, String)> = listed["markers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["clip_id"].as_str().unwrap()[..].to_string(),
                m["at_ms"].as_i64().unwrap(),
                m["text"].as_str().unwrap().into(),
            )
        })
        .collect();
    let texts: Vec<(i64, &str)> = rows.iter().map(|(_, at, t)| (*at, t.as_str())).collect();
    assert_eq!(texts, [(400, "good open"), (2500, "hand melts"), (1000, "flicker")], "by clip, then time");
    assert!(rows[0].0.ends_with(&a) && rows[2].0.ends_with(&b));

    let past = format!("{:.1}", length_s + 1.0);
    refused(d, &["marker", "add", &a, "--at", &past, "too late"], "at: ");
    refused(d, &["marker", "add", &a, "--at", "soon", "x"], "is not a time");
    refused(d, &["marker", "add", &a, "--at", "1", "   "], "text: a note is 1–500 characters");
    refused(d, &["marker", "add", "zzzzzzzz", "--at", "1", "x"], "clip 'zzzzzzzz' not found");

    ok(d, &["marker", "delete", &late["id"].to_string()]);
    assert_eq!(ok(d, &["marker", "list", run_id, "--json"])["markers"].as_array().unwrap().len(), 2);
    refused(d, &["marker", "delete", &late["id"].to_string()], "not found");
}

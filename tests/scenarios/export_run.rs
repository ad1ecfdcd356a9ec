//! `dailies export` on a run made against the emulator (real MP4s): the CSV's header and
//! rows, the JSON, and an HTML report with inlined posters and an escaped prompt; trashed
//! clips never leave. Posters land with each clip, and without ffmpeg the clip still
//! succeeds (then `dailies posters` fills in once ffmpeg is there).

use std::path::Path;

use dailies_tests::{dailies, run};

const PROMPT: &str = "a <script>alert('x')</script> harbour, \"golden\" hour";

fn compare(dir: &Path, models: &[&str], ffmpeg: Option<&str>) -> (serde_json::Value, String) {
    let mut cmd = dailies(dir);
    cmd.args(["compare", "--demo", "--prompt", PROMPT, "--duration", "4", "--json", "--yes"]);
    for m in models {
        cmd.args(["--model", m]);
    }
    if let Some(path) = ffmpeg {
        cmd.env("DAILIES_FFMPEG", path);
    }
    let (code, json, stderr) = run(&mut cmd);
    assert_eq!(code, 0, "{stderr}");
    (json, stderr)
}

fn export(dir: &Path, run_id: &str, format: &str) -> String {
    let out = dailies(dir).args(["export", run_id, "--format", format]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

async fn sql(dir: &Path, statement: &str, bind: &str) {
    let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", dir.join("dailies.db").display())).await.unwrap();
    sqlx::query(statement).bind(bind).execute(&pool).await.unwrap();
    pool.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_run_exports_as_csv_json_and_a_report_without_its_trashed_clips() {
    let dir = tempfile::tempdir().unwrap();
    let (json, _) =
        compare(dir.path(), &["kling-3.0-standard@fal", "sora-2@openai", "seedance-2.0-fast@seedance"], None);
    let run_id = json["run_id"].as_str().unwrap();
    let clip = |model: &str| {
        let clips = json["clips"].as_array().unwrap();
        clips.iter().find(|c| c["model"] == model).unwrap()["clip_id"].as_str().unwrap().to_string()
    };
    let (kling, sora, trashed) = (clip("kling-3.0-standard"), clip("sora-2"), clip("seedance-2.0-fast"));

    // Every clip got its poster next to it, a JPEG at most 480 px wide.
    for c in json["clips"].as_array().unwrap() {
        let poster = Path::new(c["file"].as_str().unwrap()).with_extension("jpg");
        let (w, h) = image::image_dimensions(&poster).unwrap_or_else(|e| panic!("{}: {e}", poster.display()));
        assert!(w <= 480 && h > 0, "{w}x{h}");
    }

    let (code, _, stderr) = run(dailies(dir.path()).args(["rate", &kling, "4"]));
    assert_eq!(code, 0, "{stderr}");
    sql(dir.path(), "UPDATE runs SET winner_clip_id = ?1 WHERE id = (SELECT run_id FROM clips WHERE id = ?1)", &sora)
        .await;
    sql(dir.path(), "INSERT INTO clip_tags (clip_id, tag) VALUES (?, 'client-pick')", &sora).await;
    sql(dir.path(), "UPDATE clips SET deleted_at_ms = 1 WHERE id = ?", &trashed).await;

    let csv = export(dir.path(), run_id, "csv");
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let wanted = "run_id,clip_id,prompt,model,route,take,status,cost_usd,cost_kind,latency_queued_ms,\
                  latency_generating_ms,latency_downloading_ms,latency_total_ms,width,height,duration_s,\
                  has_audio,rating,tags,file";
    assert_eq!(header[..20].join(","), wanted);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2, "the trashed clip is left out:\n{csv}");
    let col = |row: &csv::StringRecord, name: &str| row[header.iter().position(|h| h == name).unwrap()].to_string();
    let kling_row = rows.iter().find(|r| col(r, "clip_id") == kling).unwrap();
    assert_eq!(col(kling_row, "prompt"), PROMPT, "quoting keeps the prompt whole");
    assert_eq!((col(kling_row, "route").as_str(), col(kling_row, "status").as_str()), ("fal", "succeeded"));
    assert_eq!((col(kling_row, "cost_usd").as_str(), col(kling_row, "cost_kind").as_str()), ("0.504", "estimated"));
    assert_eq!(col(kling_row, "rating"), "4");
    let total: i64 = col(kling_row, "latency_total_ms").parse().unwrap();
    let phases: i64 = ["latency_queued_ms", "latency_generating_ms", "latency_downloading_ms"]
        .iter()
        .map(|c| col(kling_row, c).parse::<i64>().unwrap())
        .sum();
    assert_eq!(total, phases);
    assert!(Path::new(&col(kling_row, "file")).is_file());
    let sora_row = rows.iter().find(|r| col(r, "clip_id") == sora).unwrap();
    assert_eq!((col(sora_row, "tags").as_str(), col(sora_row, "winner").as_str()), ("client-pick", "true"));

    let doc: serde_json::Value = serde_json::from_str(&export(dir.path(), run_id, "json")).unwrap();
    assert_eq!(doc["run_id"], run_id);
    assert_eq!(doc["winner_clip_id"], sora.as_str());
    assert_eq!(doc["clips"].as_array().unwrap().len(), 2);
    assert_eq!(doc["rows"].as_array().unwrap().len(), 2);
    assert!(doc["clips"]
        .as_array()
        .unwrap()
        .iter()
        .all(|c| c["poster_path"].as_str().is_some_and(|p| p.ends_with(".jpg"))));

    let html = export(dir.path(), run_id, "html");
    assert_eq!(html.matches("src=\"data:image/jpeg;base64,").count(), 2, "posters inlined");
    assert!(!html.contains("<script>") && html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
    assert!(html.contains("★ Winner") && html.contains("client-pick") && html.contains("$0.504 estimated"));
    assert!(html.contains("kling-3.0-standard@fal") && !html.contains("seedance-2.0-fast"), "trashed clip left out");
    assert!(!html.contains("http://") && !html.contains("https://"), "self-contained: nothing to fetch");

    // --out writes the same document to a file.
    let out = dir.path().join("report.csv");
    let (code, _, stderr) = run(dailies(dir.path()).args(["export", run_id, "--format", "csv", "--out"]).arg(&out));
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), csv);
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_format_and_unknown_run_are_input_errors() {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, stderr) = run(dailies(dir.path()).args(["export", "nope", "--format", "csv"]));
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("run: 'nope' not found"), "{stderr}");
    let (code, _, stderr) = run(dailies(dir.path()).args(["export", "nope", "--format", "xml"]));
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("--format") && stderr.contains("allowed values: csv, json, html"), "{stderr}");
}

#[tokio::test(flavor = "multi_thread")]
async fn without_ffmpeg_the_clip_succeeds_posterless_and_posters_fill_in_later() {
    let dir = tempfile::tempdir().unwrap();
    let (json, stderr) = compare(dir.path(), &["kling-3.0-standard@fal", "sora-2@openai"], Some("/nonexistent/ffmpeg"));
    assert!(json["clips"].as_array().unwrap().iter().all(|c| c["status"] == "succeeded"), "{json}");
    assert_eq!(stderr.matches("no poster frame").count(), 1, "warned once: {stderr}");
    let run_id = json["run_id"].as_str().unwrap();
    let doc: serde_json::Value = serde_json::from_str(&export(dir.path(), run_id, "json")).unwrap();
    assert!(doc["clips"].as_array().unwrap().iter().all(|c| c["poster_path"].is_null()), "{doc}");
    // The report still renders, with placeholders.
    assert_eq!(export(dir.path(), run_id, "html").matches("data:image/jpeg").count(), 0);

    let (code, _, stderr) = run(dailies(dir.path()).args(["posters"]).env("DAILIES_FFMPEG", "/nonexistent/ffmpeg"));
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("ffmpeg: not found") && stderr.contains("DAILIES_FFMPEG"), "{stderr}");
    let (code, report, stderr) = run(dailies(dir.path()).args(["posters", "--json"]));
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(report, serde_json::json!({"made": 2, "failed": 0}));
    let doc: serde_json::Value = serde_json::from_str(&export(dir.path(), run_id, "json")).unwrap();
    assert!(doc["clips"].as_array().unwrap().iter().all(|c| c["poster_path"].is_string()), "{doc}");
    let (_, again, _) = run(dailies(dir.path()).args(["posters", "--json"]));
    assert_eq!(again, serde_json::json!({"made": 0, "failed": 0}), "made once");
}

use super::*;
use crate::api::{ClipStatus, LibraryQuery, PlannedClip, RunPlan};
use crate::catalog::{CanonicalParams, Lifecycle, ParityNote, ResolvedParams, RouteId};
use crate::probe::Probe;

pub(super) fn plan() -> RunPlan {
    let resolved = ResolvedParams {
        prompt: "a lighthouse in fog".into(),
        negative_prompt: None,
        duration_s: 12,
        aspect: "16:9".into(),
        resolution: "720p".into(),
        audio: true,
        ..Default::default()
    };
    RunPlan {
        params: CanonicalParams { prompt: "a lighthouse in fog".into(), duration_s: Some(10), ..Default::default() },
        clips: vec![PlannedClip {
            model: "sora-2-pro".into(),
            model_name: "Sora 2 Pro".into(),
            route: RouteId::Openai,
            endpoint: "sora-2-pro".into(),
            resolved,
            parity: vec![ParityNote {
                param: "duration".into(),
                asked: "10".into(),
                ran: "12".into(),
                message: "asked 10 s → ran 12 s".into(),
            }],
            estimated_cost_usd: 3.6,
            usd_per_second: 0.3,
            lifecycle: Lifecycle::default(),
            remix_of: None,
            continues: None,
            take: 1,
        }],
        estimated_cost_usd: 3.6,
        demo: false,
        parent_run_id: None,
    }
}

#[tokio::test]
async fn migrates_an_empty_directory_with_wal_and_foreign_keys() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).await.unwrap();
    let mode: String = sqlx::query_scalar("PRAGMA journal_mode").fetch_one(store.pool()).await.unwrap();
    assert_eq!(mode, "wal");
    let fk: i64 = sqlx::query_scalar("PRAGMA foreign_keys").fetch_one(store.pool()).await.unwrap();
    assert_eq!(fk, 1);
    let bad = sqlx::query("INSERT INTO clips (id, run_id, position, model, model_name, route, endpoint, base_url, status, resolved_json, parity_json, request_json, estimated_cost_usd, created_at_ms) VALUES ('c','no-such-run',0,'m','m','fal','e','b','pending','{}','[]','{}',0,0)")
        .execute(store.pool())
        .await;
    assert!(bad.is_err(), "foreign keys must be enforced");
    store.close().await;
    // Reopening an up-to-date library applies nothing and keeps working.
    let again = Store::open(dir.path()).await.unwrap();
    assert!(again.search_runs(&LibraryQuery::default()).await.unwrap().is_empty());
}

#[tokio::test]
async fn a_run_with_clips_round_trips() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).await.unwrap();
    let plan = plan();
    let clips = [NewClip {
        id: "clip1".into(),
        base_url: "http://x".into(),
        request_json: "{\"seconds\":\"12\"}".into(),
        planned: &plan.clips[0],
    }];
    store.insert_run("run1", &plan, &clips).await.unwrap();

    assert!(store.mark_submitting("clip1").await.unwrap());
    assert!(!store.mark_submitting("clip1").await.unwrap(), "only a pending clip is sent");
    store.set_provider_job("clip1", "video_abc", &serde_json::json!({})).await.unwrap();
    store.set_progress("clip1", ClipStatus::Queued, Some(2), None).await.unwrap();
    store.set_progress("clip1", ClipStatus::Generating, None, Some(40.0)).await.unwrap();
    store.mark_generated("clip1").await.unwrap();
    let probe = Probe {
        width: 1280,
        height: 720,
        duration_s: 12.0,
        has_audio: true,
        size_bytes: 1234,
        fps: Some(24.0),
        frame_count: Some(288),
    };
    let delivered = Delivered {
        probe: &probe,
        file_path: "/x/clip1.mp4",
        media_path: "run1/clip1.mp4",
        cost_usd: 3.6,
        billed_cost_usd: None,
    };
    store.mark_delivered("clip1", delivered).await.unwrap();
    store.add_event("clip1", "status", Some("queued"), Some("queued"), None).await.unwrap();

    let view = store.run_view("run1").await.unwrap();
    assert_eq!(view.prompt, "a lighthouse in fog");
    assert_eq!(view.params.duration_s, Some(10));
    let clip = &view.clips[0];
    assert_eq!(clip.status, ClipStatus::Succeeded);
    assert_eq!(clip.provider_job_id.as_deref(), Some("video_abc"));
    assert_eq!((clip.width, clip.height, clip.has_audio), (Some(1280), Some(720), Some(true)));
    assert_eq!((clip.fps, clip.frame_count), (Some(24.0), Some(288)));
    assert_eq!(clip.parity[0].message, "asked 10 s → ran 12 s");
    assert_eq!(clip.cost_usd, Some(3.6));
    assert!(clip.latency_ms.total.is_some());
    assert_eq!(store.find_run_id("run").await.unwrap(), "run1");
    assert_eq!(store.events("clip1").await.unwrap()[0].raw_status.as_deref(), Some("queued"));

    let runs = store.search_runs(&LibraryQuery::default()).await.unwrap();
    assert_eq!((runs[0].clip_count, runs[0].succeeded, runs[0].failed), (1, 1, 0));
    assert!(store.unfinished_clips().await.unwrap().is_empty());
}

#[test]
fn rfc3339_formats_utc() {
    assert_eq!(rfc3339(0), "1970-01-01T00:00:00.000Z");
    assert_eq!(rfc3339(1_795_219_200_123), "2026-11-21T00:00:00.123Z");
}

#[tokio::test(flavor = "multi_thread")]
async fn two_processes_opening_a_new_library_at_once_both_succeed() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = tokio::join!(Store::open(dir.path()), Store::open(dir.path()));
    a.unwrap();
    b.unwrap();
}

#[tokio::test]
async fn a_pending_clip_canceled_is_never_marked_as_sent() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).await.unwrap();
    let plan = plan();
    let clip =
        NewClip { id: "c1".into(), base_url: "http://x".into(), request_json: "{}".into(), planned: &plan.clips[0] };
    store.insert_run("run1", &plan, &[clip]).await.unwrap();
    assert!(!store.cancel_requested("c1").await.unwrap());
    assert!(store.cancel_pending("c1", "Canceled before it was sent").await.unwrap());
    assert!(!store.mark_submitting("c1").await.unwrap(), "the submit loses against the cancel");
    let row = store.clip("c1").await.unwrap();
    assert_eq!((row.status(), row.submitted_at_ms), (ClipStatus::Canceled, None));
    assert!(!store.cancel_pending("c1", "again").await.unwrap());
    store.add_event("c1", "cancel", None, None, None).await.unwrap();
    assert!(store.cancel_requested("c1").await.unwrap());
}

#[tokio::test]
async fn leases_keep_a_clip_with_its_live_follower_and_free_a_dead_ones() {
    let dir = tempfile::tempdir().unwrap();
    // Two handles on one library are two processes as far as leases go.
    let cli = Store::open(dir.path()).await.unwrap();
    let app = Store::open(dir.path()).await.unwrap();
    let plan = plan();
    let clip =
        NewClip { id: "c1".into(), base_url: "http://x".into(), request_json: "{}".into(), planned: &plan.clips[0] };
    cli.insert_run("run1", &plan, &[clip]).await.unwrap();
    // Leased at insert: the app leaves it alone, the inserting process keeps it.
    assert!(app.leased_elsewhere("c1").await.unwrap());
    assert!(!app.claim_clip("c1").await.unwrap());
    assert!(cli.claim_clip("c1").await.unwrap());
    assert!(!cli.leased_elsewhere("c1").await.unwrap());
    app.release_clip("c1").await.unwrap();
    assert!(app.leased_elsewhere("c1").await.unwrap(), "only the holder releases");
    // The follower dies without releasing (kill -9): its lock goes, and its lease with it.
    let dead = cli.owner().to_string();
    cli.close().await;
    drop(cli);
    assert!(!dir.path().join("owners").join(format!("{dead}.lock")).exists());
    assert!(!app.leased_elsewhere("c1").await.unwrap());
    assert!(app.claim_clip("c1").await.unwrap());
    // A kill -9 leaves the lock file behind, unlocked: the lease is freed all the same.
    std::fs::write(dir.path().join("owners").join("ghost.lock"), "").unwrap();
    sqlx::query("UPDATE clips SET lease_owner = 'ghost', lease_until_ms = ? WHERE id = 'c1'")
        .bind(now_ms() + 60_000)
        .execute(app.pool())
        .await
        .unwrap();
    assert!(!app.leased_elsewhere("c1").await.unwrap());
    assert!(!dir.path().join("owners").join("ghost.lock").exists(), "the dead owner's file is cleaned up");
    // An expired lease is free too, whoever held it.
    sqlx::query("UPDATE clips SET lease_owner = 'gone', lease_until_ms = 1 WHERE id = 'c1'")
        .execute(app.pool())
        .await
        .unwrap();
    assert!(!app.leased_elsewhere("c1").await.unwrap());
}

#[tokio::test]
async fn clips_are_found_by_unique_prefix() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).await.unwrap();
    let plan = plan();
    let mk = |id: &str| NewClip {
        id: id.into(),
        base_url: "http://x".into(),
        request_json: "{}".into(),
        planned: &plan.clips[0],
    };
    store.insert_run("run1", &plan, &[mk("abc1"), mk("abd2")]).await.unwrap();
    assert_eq!(store.find_clip_id("abc").await.unwrap(), "abc1");
    assert_eq!(store.find_clip_id("abd2").await.unwrap(), "abd2");
    assert_eq!(store.find_clip_id("c1").await.unwrap(), "abc1", "a unique ending works too");
    assert!(matches!(store.find_clip_id("ab").await, Err(Error::NotFound { what: "clip", .. })), "ambiguous");
    assert!(store.find_clip_id("").await.is_err());
}

#[tokio::test]
async fn the_library_is_searched_by_words_model_and_rating() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).await.unwrap();
    let mut fog = plan();
    fog.params.prompt = "A lighthouse in 50% fog".into();
    let mut harbour = plan();
    harbour.params.prompt = "harbour at dawn, gulls".into();
    harbour.clips[0].model = "kling-3.0-pro".into();
    harbour.clips[0].route = RouteId::Fal;
    store.insert_run("r1", &fog, &[new_clip("c1", &fog)]).await.unwrap();
    store.insert_run("r2", &harbour, &[new_clip("c2", &harbour)]).await.unwrap();
    let ids = |runs: Vec<crate::api::RunSummary>| runs.into_iter().map(|r| r.run_id).collect::<Vec<_>>();
    let q = |text: &str| LibraryQuery { text: Some(text.into()), ..Default::default() };

    assert_eq!(ids(store.search_runs(&q("LIGHTHOUSE fog")).await.unwrap()), ["r1"]);
    assert_eq!(ids(store.search_runs(&q("fog gulls")).await.unwrap()), Vec::<String>::new(), "every word must match");
    assert_eq!(ids(store.search_runs(&q("50%")).await.unwrap()), ["r1"], "punctuation is not syntax");
    assert_eq!(ids(store.search_runs(&q("dawn, gulls")).await.unwrap()), ["r2"]);
    let by_model = LibraryQuery { model: Some("kling-3.0-pro@fal".into()), ..Default::default() };
    assert_eq!(ids(store.search_runs(&by_model).await.unwrap()), ["r2"]);
    let wrong_route = LibraryQuery { model: Some("kling-3.0-pro@kling".into()), ..Default::default() };
    assert!(store.search_runs(&wrong_route).await.unwrap().is_empty());

    store.set_rating("c1", Some(4)).await.unwrap();
    let rated = LibraryQuery { min_rating: Some(4), ..Default::default() };
    let found = store.search_runs(&rated).await.unwrap();
    assert_eq!((found.len(), found[0].best_rating), (1, Some(4)));
    assert_eq!(store.clip("c1").await.unwrap().into_view().rating, Some(4));
    store.set_rating("c1", None).await.unwrap();
    assert!(store.search_runs(&rated).await.unwrap().is_empty());
    assert!(matches!(store.set_rating("nope", Some(3)).await, Err(Error::NotFound { .. })));
    // The schema itself refuses a sixth star.
    assert!(sqlx::query("UPDATE clips SET rating = 6 WHERE id = 'c1'").execute(store.pool()).await.is_err());
}

pub(super) fn new_clip<'a>(id: &str, plan: &'a RunPlan) -> NewClip<'a> {
    NewClip { id: id.into(), base_url: "http://x".into(), request_json: "{}".into(), planned: &plan.clips[0] }
}

#[tokio::test]
async fn a_data_dir_with_url_characters_is_a_path_not_url_options() {
    // `?` would start SQLite URL options and `#` a fragment: the library must land exactly here.
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("takes?mode=ro#v2");
    let store = Store::open(&dir).await.unwrap();
    store.insert_run("r1", &plan(), &[]).await.unwrap();
    store.close().await;
    assert!(dir.join("dailies.db").is_file(), "the database is inside the data dir as named");
    let again = Store::open(&dir).await.unwrap();
    let runs: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM runs").fetch_one(again.pool()).await.unwrap();
    assert_eq!(runs, 1, "reopening finds the same library");
}

//! One follower per clip: a follower whose lease was taken over stops.

use std::sync::Arc;
use std::time::Duration;

use crate::api::CompareRequest;
use crate::catalog::{CanonicalParams, Catalog};
use crate::secrets::MemoryStore;
use crate::store::{NewClip, Store};
use crate::{PollPolicy, Studio, StudioOptions};

#[tokio::test]
async fn a_follower_whose_lease_was_taken_stops_and_leaves_it_alone() {
    let dir = tempfile::tempdir().unwrap();
    let options = StudioOptions {
        data_dir: dir.path().to_path_buf(),
        secrets: Arc::new(MemoryStore::default()),
        catalog: Catalog::builtin(),
        poll: PollPolicy::default(),
    };
    let studio = Studio::open(options).await.unwrap();
    let request = CompareRequest {
        params: CanonicalParams { prompt: "fog".into(), ..Default::default() },
        models: vec!["kling-3.0-pro@fal".into()],
        ..Default::default()
    };
    let plan = studio.plan(&request).unwrap();
    let clip = NewClip {
        id: "c1".into(),
        base_url: "http://127.0.0.1:9".into(),
        request_json: "{}".into(),
        planned: &plan.clips[0],
    };
    studio.store().insert_run("r1", &plan, &[clip]).await.unwrap();
    assert!(studio.store().claim_clip("c1").await.unwrap());

    // This process stalled past its expiry and another live one took the clip over.
    let other = Store::open(dir.path()).await.unwrap();
    sqlx::query("UPDATE clips SET lease_owner = ?, lease_until_ms = ? WHERE id = 'c1'")
        .bind(other.owner())
        .bind(i64::MAX)
        .execute(other.pool())
        .await
        .unwrap();

    // Renewing every 20 ms; a follower that ignores the loss never ends (10 s is a hang guard).
    let stopped =
        tokio::time::timeout(Duration::from_secs(10), studio.keep_lease_every("c1", Duration::from_millis(20))).await;
    assert!(stopped.is_ok(), "the follower kept following a clip whose lease another process holds");
    let owner: String =
        sqlx::query_scalar("SELECT lease_owner FROM clips WHERE id = 'c1'").fetch_one(other.pool()).await.unwrap();
    assert_eq!(owner, other.owner(), "the new owner's lease is left alone");
}

//! Emulator start/stop: shutdown must not hang on open SSE streams and must free the port.

use std::time::Duration;

use crate::common::start;

#[tokio::test]
async fn shutdown_ends_open_streams_and_stops_accepting() {
    let t = start().await;
    let submit = t.fal_small_job().await;
    let url = format!("{}/stream", submit["status_url"].as_str().unwrap());
    let mut stream = t.fal_get(&url).send().await.unwrap();
    assert_eq!(stream.status(), 200);
    t.sim.shutdown();
    let drained = async { while let Ok(Some(_)) = stream.chunk().await {} };
    tokio::time::timeout(Duration::from_secs(5), drained).await.expect("stream ends on shutdown");
    let fresh = reqwest::Client::new();
    let refused = fresh.get(format!("{}/_sim/stats", t.sim.base_url())).send().await;
    assert!(refused.is_err(), "still serving after shutdown");
}

#[tokio::test]
async fn route_base_urls_name_each_emulated_route() {
    let t = start().await;
    let base = t.sim.base_url();
    assert_eq!(base, format!("http://{}", t.sim.addr()));
    assert_eq!(t.sim.route_base_url("fal"), Some(format!("{base}/fal")));
    assert_eq!(t.sim.route_base_url("openai"), Some(format!("{base}/openai/v1")));
    assert_eq!(t.sim.route_base_url("kling"), Some(format!("{base}/kling")));
    assert_eq!(t.sim.route_base_url("runway"), Some(format!("{base}/runway")));
    assert_eq!(t.sim.route_base_url("acme"), None);
}

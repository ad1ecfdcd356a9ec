//! The `/_sim/*` HTTP control surface.

use dailies_sim::Timing;
use serde_json::{json, Value};

use crate::common::{small, start, V3_STD};

#[tokio::test]
async fn control_endpoints_queue_faults_set_timing_and_report_stats() {
    let t = start().await;
    let base = t.sim.base_url();
    let faults = json!([
        {"route": "fal", "op": "submit", "kind": {"kind": "server_error", "status": 502}, "times": 2},
        {"route": "fal", "op": "submit", "kind": {"kind": "insufficient_balance"}}
    ]);
    let added = t.http.post(format!("{base}/_sim/faults")).json(&faults).send().await.unwrap();
    assert_eq!(added.status(), 200);
    let codes = [502, 502, 403, 200];
    for expected in codes {
        assert_eq!(t.fal_submit(V3_STD, small()).await.status().as_u16(), expected);
    }
    let timing = Timing { queue_ms: 50, generate_ms: 100, queue_positions: 1, jitter_pct: 0 };
    let put = t.http.put(format!("{base}/_sim/timing")).json(&timing).send().await.unwrap();
    assert_eq!(put.status(), 200);
    let stats: Value = t.http.get(format!("{base}/_sim/stats")).send().await.unwrap().json().await.unwrap();
    assert_eq!(stats["requests"]["fal.submit"], 4);
    assert_eq!(stats["submits"].as_array().unwrap().len(), 1);
    assert_eq!(stats["submits"][0]["endpoint"], V3_STD);
}

//! `dailies models` says which model@routes take motion control and extend, in the table and
//! in `--json`, from the same catalog data the planner uses.

use dailies_tests::{dailies, run};
use serde_json::Value;

#[test]
fn models_name_the_routes_with_motion_control_and_extend_in_the_table_and_the_json() {
    let dir = tempfile::tempdir().unwrap();
    let (code, json, stderr) = run(dailies(dir.path()).args(["models", "--json"]));
    assert_eq!(code, 0, "{stderr}");
    let rows = json.as_array().unwrap();
    let row = |id: &str| rows.iter().find(|r| r["id"] == id).unwrap_or_else(|| panic!("{id} listed"));

    let kling = &row("kling-3.0-pro@fal")["motion"];
    assert_eq!(kling["endpoint"], "fal-ai/kling-video/v3/pro/motion-control", "{kling}");
    assert_eq!(
        (&kling["min_seconds"], &kling["max_seconds_image"], &kling["max_seconds_video"]),
        (&3.into(), &10.into(), &30.into())
    );
    assert_eq!(kling["price"]["rules"][0]["usd_per_second"], 0.168);
    assert!(kling["source"].as_str().unwrap().contains("https://fal.ai/"), "{kling}");
    assert!(row("veo-3.1@fal")["motion"].is_null(), "Veo on fal has no motion control");
    assert_eq!(row("veo-3.1@fal")["extend"]["endpoint"], "fal-ai/veo3.1/extend-video");
    assert_eq!(row("ltx-2.3@fal")["extend"]["default_duration"], 5);
    assert!(row("kling-3.0-pro@fal")["extend"].is_null());

    let out = dailies(dir.path()).arg("models").output().unwrap();
    assert!(out.status.success());
    let table = String::from_utf8_lossy(&out.stdout);
    let line = |id: &str| -> &str {
        table.lines().find(|l| l.split_whitespace().next() == Some(id)).unwrap_or_else(|| panic!("{id} in:\n{table}"))
    };
    assert!(
        line("kling-3.0-pro@fal").contains("motion 3–10 s (image) / 3–30 s (video) $0.168/s"),
        "{}",
        line("kling-3.0-pro@fal")
    );
    let veo_extend = format!("extend +7 s ${:.3}/s", row("veo-3.1@fal")["extend"]["usd_per_second"].as_f64().unwrap());
    assert!(line("veo-3.1@fal").contains(&veo_extend), "{}", line("veo-3.1@fal"));
    // Every route the JSON gives motion control or extend says so in its line, and no other.
    for r in rows {
        let (id, l) = (r["id"].as_str().unwrap(), line(r["id"].as_str().unwrap()));
        let has = |v: &Value| !v.is_null();
        assert_eq!(l.contains("  motion "), has(&r["motion"]), "{id}: {l}");
        assert_eq!(l.contains("  extend +"), has(&r["extend"]), "{id}: {l}");
    }
}

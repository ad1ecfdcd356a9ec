//! Every cost says whether the provider billed it or the catalog estimated it (issue 7,
//! defect 5): Kling's native route reports `final_unit_deduction`, Replicate reports no
//! charge, and `--json`, the tables and the per-model stats all say which is which.

use dailies_tests::{dailies, run};

#[tokio::test(flavor = "multi_thread")]
async fn compare_json_labels_a_billed_and_an_estimated_route_and_totals_say_how_much_is_billed() {
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = dailies(dir.path());
    cmd.args(["compare", "--demo", "--prompt", "a lighthouse in fog", "--duration", "5", "--json", "--yes"]);
    cmd.args(["--model", "kling-3.0-pro@kling", "--model", "kling-3.0-pro@replicate"]);
    let (code, json, stderr) = run(&mut cmd);
    assert_eq!(code, 0, "{stderr}\n{json}");
    let clip = |route: &str| json["clips"].as_array().unwrap().iter().find(|c| c["route"] == route).unwrap().clone();
    let (kling, replicate) = (clip("kling"), clip("replicate"));
    assert_eq!(kling["cost_kind"], "billed", "{kling}");
    assert_eq!(kling["cost_usd"], kling["billed_cost_usd"], "{kling}");
    assert_eq!(replicate["cost_kind"], "estimated", "{replicate}");
    assert_eq!(replicate["billed_cost_usd"], serde_json::Value::Null);
    assert_eq!(replicate["cost_usd"], replicate["estimated_cost_usd"], "{replicate}");
    let (billed, estimated) = (kling["cost_usd"].as_f64().unwrap(), replicate["cost_usd"].as_f64().unwrap());
    assert!((json["cost_billed_usd"].as_f64().unwrap() - billed).abs() < 1e-9, "{json}");
    assert!((json["cost_estimated_usd"].as_f64().unwrap() - estimated).abs() < 1e-9, "{json}");

    let run_id = json["run_id"].as_str().unwrap();
    let (_, runs, _) = run(dailies(dir.path()).args(["runs", "--json"]));
    assert!((runs[0]["cost_billed_usd"].as_f64().unwrap() - billed).abs() < 1e-9, "{runs}");
    let shown = dailies(dir.path()).args(["show", run_id]).output().unwrap();
    let table = String::from_utf8_lossy(&shown.stdout);
    assert!(table.contains(&format!("${billed:.2} billed")), "{table}");
    assert!(table.contains(&format!("${estimated:.2} est.")), "{table}");
    assert!(table.contains("% billed)"), "the run total says how much is billed: {table}");

    let (_, stats, _) = run(dailies(dir.path()).args(["stats", "--include-demo", "--json"]));
    let share =
        |route: &str| stats.as_array().unwrap().iter().find(|r| r["route"] == route).unwrap()["billed_share"].clone();
    assert_eq!((share("kling").as_f64(), share("replicate").as_f64()), (Some(1.0), Some(0.0)), "{stats}");

    let (_, models, _) = run(dailies(dir.path()).args(["models", "--json"]));
    let row = |id: &str| models.as_array().unwrap().iter().find(|m| m["id"] == id).unwrap().clone();
    assert_eq!(row("kling-3.0-pro@kling")["reports_charge"], true);
    let replicate_row = row("kling-3.0-pro@replicate");
    assert_eq!(replicate_row["reports_charge"], false);
    assert!(replicate_row["charge_note"].as_str().unwrap().contains("estimates"), "{replicate_row}");
}

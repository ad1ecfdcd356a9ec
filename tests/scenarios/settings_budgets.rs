//! `dailies settings` and the budgets it sets (issue 10): one validated store for the app
//! and the CLI; a budget refuses a run before any request, naming the key, the cap, the
//! period's spend and the run's estimate.

use dailies_core::catalog::RouteId;
use dailies_tests::{against_sim, dailies, route_against_sim, run, sim_config, start_sim};

fn settings(dir: &std::path::Path, args: &[&str]) -> (i32, serde_json::Value, String) {
    run(dailies(dir).arg("settings").args(args))
}

#[test]
fn settings_are_listed_validated_set_and_unset() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let (code, all, stderr) = settings(d, &["get", "--json"]);
    assert_eq!(code, 0, "{stderr}");
    let keys: Vec<&str> = all.as_array().unwrap().iter().map(|e| e["key"].as_str().unwrap()).collect();
    for key in ["concurrency.fal", "concurrency.seedance", "budget.run_usd", "budget.day_usd", "budget.month_usd"] {
        assert!(keys.contains(&key), "{key} in {keys:?}");
    }
    assert!(keys.contains(&"base_url.openai") && keys.contains(&"notify") && keys.contains(&"theme"));
    let (_, fal, _) = settings(d, &["get", "concurrency.fal", "--json"]);
    assert_eq!((fal["value"].as_str(), fal["source"].as_str()), (Some("2"), Some("default")), "{fal}");

    assert_eq!(settings(d, &["set", "concurrency.fal", "5"]).0, 0);
    let (_, fal, _) = settings(d, &["get", "concurrency.fal", "--json"]);
    assert_eq!((fal["value"].as_str(), fal["source"].as_str()), (Some("5"), Some("set")), "{fal}");
    assert_eq!(settings(d, &["unset", "concurrency.fal"]).0, 0);
    assert_eq!(settings(d, &["get", "concurrency.fal", "--json"]).1["value"], "2");

    for (args, says) in [
        (vec!["set", "concurency.fal", "2"], vec!["key:", "concurrency.<route>", "budget.day_usd", "theme"]),
        (vec!["set", "concurrency.fal", "0"], vec!["concurrency.fal:", "an integer from 1 to 64"]),
        (vec!["set", "budget.day_usd", "lots"], vec!["budget.day_usd:", "US dollars"]),
        (vec!["set", "theme", "blue"], vec!["theme:", "system, light, dark"]),
        (vec!["get", "nope"], vec!["key:"]),
    ] {
        let (code, _, stderr) = settings(d, &args);
        assert_eq!(code, 2, "{args:?}: {stderr}");
        for s in says {
            assert!(stderr.contains(s), "{args:?} should say {s:?}: {stderr}");
        }
    }
    let (_, fal, _) = settings(d, &["get", "concurrency.fal", "--json"]);
    assert_eq!(fal["source"], "default", "a refused value changes nothing");
}

#[tokio::test(flavor = "multi_thread")]
async fn budgets_refuse_before_any_request_and_count_what_was_spent() {
    let sim = start_sim(sim_config()).await;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let compare = |extra: &[&str]| {
        let mut cmd = dailies(d);
        cmd.args(["compare", "--prompt", "a lighthouse in fog", "--model", "sora-2@openai", "--duration", "4"]);
        cmd.args(["--json", "--yes"]).args(extra);
        against_sim(&mut cmd, &sim);
        run(&mut cmd)
    };

    // Sora 2 at $0.10/s × 4 s = $0.40 estimated.
    assert_eq!(settings(d, &["set", "budget.run_usd", "0.30"]).0, 0);
    let (code, _, stderr) = compare(&[]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("budget.run_usd") && stderr.contains("$0.30") && stderr.contains("$0.40"), "{stderr}");
    assert_eq!(sim.stats().requests.get("openai.submit").copied().unwrap_or(0), 0, "refused before any request");

    assert_eq!(settings(d, &["unset", "budget.run_usd"]).0, 0);
    let (code, first, stderr) = compare(&[]);
    assert_eq!(code, 0, "{stderr}");
    let spent = first["clips"][0]["cost_usd"].as_f64().unwrap();

    // Today's budget holds the first run but not a second one.
    let cap = format!("{:.2}", spent + 0.2);
    assert_eq!(settings(d, &["set", "budget.day_usd", &cap]).0, 0);
    let (code, _, stderr) = compare(&[]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("budget.day_usd") && stderr.contains(&format!("${spent:.2}")), "{stderr}");
    assert_eq!(sim.stats().requests["openai.submit"], 1, "only the first run was sent");

    // Demo runs spend nothing and are never refused.
    let mut demo = dailies(d);
    demo.args(["compare", "--demo", "--prompt", "x", "--model", "sora-2@openai", "--duration", "4", "--json", "--yes"]);
    assert_eq!(run(&mut demo).0, 0);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_stored_base_url_is_used_and_the_environment_wins_over_it() {
    let sim = start_sim(sim_config()).await;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let url = sim.route_base_url("openai").unwrap();
    let key = sim.route_key("openai").unwrap();
    assert_eq!(settings(d, &["set", "base_url.openai", &url]).0, 0);
    let mut cmd = dailies(d);
    cmd.args(["compare", "--prompt", "a kite", "--model", "sora-2@openai", "--duration", "4", "--json", "--yes"]);
    cmd.env("OPENAI_API_KEY", &key);
    let (code, json, stderr) = run(&mut cmd);
    assert_eq!((code, json["clips"][0]["status"].as_str()), (0, Some("succeeded")), "{stderr}");

    // A stored URL that goes nowhere is overridden by DAILIES_OPENAI_BASE_URL.
    assert_eq!(settings(d, &["set", "base_url.openai", "http://127.0.0.1:9/v1"]).0, 0);
    let mut cmd = dailies(d);
    cmd.args(["compare", "--prompt", "a kite", "--model", "sora-2@openai", "--duration", "4", "--json", "--yes"]);
    route_against_sim(&mut cmd, &sim, RouteId::Openai, &key);
    let (code, json, stderr) = run(&mut cmd);
    assert_eq!((code, json["clips"][0]["status"].as_str()), (0, Some("succeeded")), "{stderr}");
    let mut env = dailies(d);
    env.args(["settings", "get", "base_url.openai", "--json"]).env("DAILIES_OPENAI_BASE_URL", &url);
    let (_, entry, _) = run(&mut env);
    assert_eq!((entry["value"].as_str(), entry["source"].as_str()), (Some(url.as_str()), Some("environment")));
}

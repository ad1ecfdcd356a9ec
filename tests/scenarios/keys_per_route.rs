//! The emulator holds each route to its own key, as the real services do: a key wired to
//! the wrong route, or a Kling token signed with the access key, is refused with a
//! sentence that says which key to fix.

use dailies_core::api::ClipStatus;
use dailies_sim::demo_keys::{FAL, KLING_ACCESS};
use dailies_tests::{run_one_with_keys, sim_config, start_sim};

#[tokio::test(flavor = "multi_thread")]
async fn a_fal_key_sent_to_the_openai_route_is_refused_clearly() {
    let sim = start_sim(sim_config()).await;
    let swapped = |route: &str| if route == "openai" { Some(FAL.to_string()) } else { sim.route_key(route) };
    let (clip, _) = run_one_with_keys(&sim, "sora-2@openai", swapped, |_| {}).await;
    assert_eq!(clip.status, ClipStatus::Failed);
    let err = clip.error.expect("refused");
    assert_eq!(err.code, "auth", "{}", err.message);
    assert!(err.message.starts_with("OpenAI: the API key was rejected"), "{}", err.message);
    assert!(err.message.contains("dailies keys set openai"), "{}", err.message);
    assert!(sim.stats().submits.is_empty(), "no job was created");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_kling_token_signed_with_the_access_key_is_refused() {
    let sim = start_sim(sim_config()).await;
    // Access key given as both halves: the adapter signs its JWT with the access key.
    let both_access = format!("{KLING_ACCESS}:{KLING_ACCESS}");
    let key_of = |route: &str| if route == "kling" { Some(both_access.clone()) } else { sim.route_key(route) };
    let (clip, _) = run_one_with_keys(&sim, "kling-3.0-standard@kling", key_of, |_| {}).await;
    let err = clip.error.expect("refused");
    assert_eq!(err.code, "auth", "{}", err.message);
    assert!(err.message.starts_with("Kling: the API key was rejected (1002"), "{}", err.message);
    assert!(sim.stats().submits.is_empty(), "no job was created");
}

#[tokio::test(flavor = "multi_thread")]
async fn each_route_takes_the_key_the_emulator_hands_it() {
    let sim = start_sim(sim_config()).await;
    let routes = ["fal", "openai", "replicate", "kling", "google", "runway", "luma", "minimax", "seedance"];
    let keys: std::collections::HashSet<String> = routes.iter().filter_map(|r| sim.route_key(r)).collect();
    assert_eq!(keys.len(), routes.len(), "one distinct key per route");
    let (clip, _) = run_one_with_keys(&sim, "kling-3.0-standard@kling", |r| sim.route_key(r), |_| {}).await;
    assert_eq!(clip.status, ClipStatus::Succeeded, "{:?}", clip.error);
}

//! Keys stay out of everything Dailies keeps or prints when a provider fails by echoing
//! them: on all nine routes, a 401 that quotes the key, a 403 that does, and 5xx replies
//! that quote it next to an upstream `?key=` URL (on submit, and while polling). Keys come
//! from each route's SDK environment variable(s), the path creators' scripts use, and the
//! emulator accepts only its own key per route. Afterwards the whole data dir (SQLite with
//! its WAL), stdout, stderr and the `--json` output hold no 8-byte piece of any key.

use std::collections::HashSet;

use dailies_core::catalog::RouteId;
use dailies_sim::{Fault, FaultKind, FaultOp, SimHandle, SimKeys};
use dailies_tests::{dailies, route_against_sim, sim_config, start_sim};

/// A text-to-video model on each route.
const MODELS: [(RouteId, &str); 9] = [
    (RouteId::Fal, "kling-3.0-standard@fal"),
    (RouteId::Openai, "sora-2@openai"),
    (RouteId::Replicate, "veo-3.1-fast@replicate"),
    (RouteId::Kling, "kling-3.0-standard@kling"),
    (RouteId::Google, "veo-3.1-fast@google"),
    (RouteId::Runway, "runway-gen-4.5@runway"),
    (RouteId::Luma, "luma-ray-flash-2@luma"),
    (RouteId::Minimax, "hailuo-02-standard@minimax"),
    (RouteId::Seedance, "seedance-2.0-fast@seedance"),
];

/// A key no other text in the data dir can share 8 bytes with: letters outside hex (ids
/// and hashes are hex), unique per test run and per route.
fn distinctive_key(tag: u64) -> String {
    const ALPHABET: &[u8] = b"ghjkmnpqrstvwxyz";
    let seed = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64;
    let mut x = seed ^ tag.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ u64::from(std::process::id());
    (0..40)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            ALPHABET[(x % 16) as usize] as char
        })
        .collect()
}

fn keys() -> SimKeys {
    let k = |tag| distinctive_key(tag);
    SimKeys {
        fal: k(1),
        openai: k(2),
        replicate: k(3),
        kling_access: k(4),
        kling_secret: k(5),
        google: k(6),
        runway: k(7),
        luma: k(8),
        minimax: k(9),
        seedance: k(10),
    }
}

/// One `dailies compare` of every route's model, with `fault` injected on each route.
fn compare_all(sim: &SimHandle, data_dir: &std::path::Path, fault: &dyn Fn(&str) -> Fault) -> Vec<Vec<u8>> {
    let mut cmd = dailies(data_dir);
    cmd.env("DAILIES_LOG", "trace");
    cmd.args(["compare", "--prompt", "a lighthouse in fog", "--yes", "--json"]);
    for (route, model) in MODELS {
        let key = sim.route_key(route.as_str()).unwrap();
        route_against_sim(&mut cmd, sim, route, &key);
        cmd.args(["--model", model]);
        sim.inject(fault(route.as_str()));
    }
    let out = cmd.output().expect("dailies runs");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "--json output ({e}): {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    let clips = json["clips"].as_array().expect("clips");
    assert_eq!(clips.len(), MODELS.len(), "{json}");
    for clip in clips {
        // Every clip ends: failed with a sentence, or (after a retried 5xx) done.
        let status = clip["status"].as_str().unwrap_or_default();
        assert!(matches!(status, "failed" | "unknown" | "succeeded"), "{clip}");
        if status != "succeeded" {
            assert!(!clip["error"].as_str().unwrap_or_default().is_empty(), "{clip}");
        }
    }
    vec![out.stdout, out.stderr]
}

/// Every 8-byte piece of every key, to look for in one pass over each blob (media files
/// are megabytes: a byte table of pieces' first bytes skips most positions cheaply).
struct Pieces<'a> {
    set: HashSet<&'a [u8]>,
    starts: [bool; 256],
}

impl<'a> Pieces<'a> {
    fn of(keys: &'a [String]) -> Self {
        let set: HashSet<&[u8]> = keys.iter().flat_map(|k| k.as_bytes().windows(8)).collect();
        let mut starts = [false; 256];
        set.iter().for_each(|p| starts[usize::from(p[0])] = true);
        Pieces { set, starts }
    }
}

/// The first piece of a key found in `hay`, if any.
fn piece_in(hay: &[u8], pieces: &Pieces) -> Option<String> {
    (0..hay.len().saturating_sub(7))
        .find(|&at| pieces.starts[usize::from(hay[at])] && pieces.set.contains(&hay[at..at + 8]))
        .map(|at| String::from_utf8_lossy(&hay[at..at + 8]).into_owned())
}

fn files_under(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(files_under(&path));
        } else {
            out.push(path);
        }
    }
    out
}

#[tokio::test(flavor = "multi_thread")]
async fn keys_echoed_by_failing_providers_are_kept_nowhere_on_all_nine_routes() {
    let keys = keys();
    let sim = start_sim(dailies_sim::SimConfig { keys: keys.clone(), ..sim_config() }).await;
    let dir = tempfile::tempdir().unwrap();
    let on = |op: FaultOp, status: u16| move |route: &str| Fault::once(route, op, FaultKind::EchoKey { status });
    let mut outputs = Vec::new();
    outputs.extend(compare_all(&sim, dir.path(), &on(FaultOp::Submit, 401)));
    outputs.extend(compare_all(&sim, dir.path(), &on(FaultOp::Submit, 403)));
    outputs.extend(compare_all(&sim, dir.path(), &on(FaultOp::Submit, 500)));
    outputs.extend(compare_all(&sim, dir.path(), &on(FaultOp::Status, 503)));
    // Every route was asked to create four jobs: its echoing faults were met, not skipped.
    let requests = sim.stats().requests;
    for (route, _) in MODELS {
        let submits = requests.get(&format!("{route}.submit")).copied().unwrap_or(0);
        assert!(submits >= 4, "{route}: {submits} submits; {requests:?}");
    }

    let secrets: Vec<String> = MODELS.iter().map(|(r, _)| sim.route_key(r.as_str()).unwrap()).collect();
    let pieces = Pieces::of(&secrets);
    let mut scanned = Vec::new();
    for path in files_under(dir.path()) {
        scanned.push(path.file_name().unwrap().to_string_lossy().into_owned());
        if let Some(piece) = piece_in(&std::fs::read(&path).unwrap(), &pieces) {
            panic!("a piece of a key ({piece}) is in {}", path.display());
        }
    }
    assert!(scanned.iter().any(|n| n == "dailies.db"), "scanned {scanned:?}");
    for (i, output) in outputs.iter().enumerate() {
        let name = if i % 2 == 0 { "stdout (--json)" } else { "stderr (logs)" };
        if let Some(piece) = piece_in(output, &pieces) {
            panic!("a piece of a key ({piece}) is in {name}:\n{}", String::from_utf8_lossy(output));
        }
    }
}

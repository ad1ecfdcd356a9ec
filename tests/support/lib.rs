//! Shared support for the integration scenarios: the real `dailies` binary, the provider
//! emulator on loopback, temp libraries, and MP4 checks.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Arc, OnceLock};

use dailies_core::catalog::{Catalog, RouteId};
use dailies_core::secrets::MemoryStore;
use dailies_core::{DemoBackend, PollPolicy, Studio, StudioOptions};
use dailies_sim::{Sim, SimConfig, SimHandle};

pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("tests/ sits in the workspace").to_path_buf()
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| workspace_root().join("target"))
}

/// The `dailies` binary, built once per test run so scenarios always exercise current code.
pub fn dailies_bin() -> PathBuf {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    BIN.get_or_init(|| {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let status = Command::new(cargo)
            .args(["build", "-q", "-p", "dailies-cli", "--bin", "dailies"])
            .current_dir(workspace_root())
            .status()
            .expect("cargo runs");
        assert!(status.success(), "building the dailies binary failed");
        target_dir().join("debug").join("dailies")
    })
    .clone()
}

/// Clips rendered by the emulator are cached across scenarios to keep the suite fast.
pub fn clip_cache() -> PathBuf {
    target_dir().join("sim-clips")
}

pub fn sim_config() -> SimConfig {
    SimConfig { clip_cache_dir: clip_cache(), ..SimConfig::fast() }
}

pub async fn start_sim(config: SimConfig) -> SimHandle {
    Sim::start("127.0.0.1:0".parse().expect("loopback"), config).await.expect("emulator starts")
}

/// A `dailies` command on a private library, with no provider key inherited from the
/// developer's environment and a keychain namespace of its own.
pub fn dailies(data_dir: &Path) -> Command {
    let mut cmd = Command::new(dailies_bin());
    cmd.arg("--data-dir").arg(data_dir);
    for &route in RouteId::ALL {
        for var in route.key_env_vars() {
            cmd.env_remove(var);
        }
        cmd.env_remove(route.base_url_env_var());
    }
    cmd.env("DAILIES_KEYRING_SERVICE", "dailies-tests");
    // The in-process demo emulator caches rendered clips under the temp dir; share it.
    cmd.env("TMPDIR", target_dir());
    cmd
}

/// Points a command's fal and OpenAI routes at the emulator, each with the key the
/// emulator accepts there.
pub fn against_sim(cmd: &mut Command, sim: &SimHandle) {
    for route in [RouteId::Fal, RouteId::Openai] {
        let key = sim.route_key(route.as_str()).expect("the emulator keys every route");
        route_against_sim(cmd, sim, route, &key);
    }
}

/// Points one route of a command at the emulator with `key` in the route's SDK variable(s)
/// (the environment path a creator's scripts use). Kling's `access:secret` is split over
/// its two variables.
pub fn route_against_sim(cmd: &mut Command, sim: &SimHandle, route: RouteId, key: &str) {
    let url = sim.route_base_url(route.as_str()).expect("the emulator speaks every route");
    cmd.env(route.base_url_env_var(), url);
    let vars = route.key_env_vars();
    let parts: Vec<&str> = if vars.len() == 2 { key.splitn(2, ':').collect() } else { vec![key] };
    for (var, part) in vars.iter().zip(parts) {
        cmd.env(var, part);
    }
}

pub fn run(cmd: &mut Command) -> (i32, serde_json::Value, String) {
    let Output { status, stdout, stderr } = cmd.output().expect("dailies runs");
    let stdout = String::from_utf8_lossy(&stdout).to_string();
    let json = serde_json::from_str(stdout.trim()).unwrap_or(serde_json::Value::Null);
    (status.code().unwrap_or(-1), json, String::from_utf8_lossy(&stderr).to_string())
}

/// The quick polling engine scenarios use.
pub fn fast_poll() -> PollPolicy {
    PollPolicy {
        initial: std::time::Duration::from_millis(100),
        max: std::time::Duration::from_secs(1),
        // The emulator's jobs last about a second: the routes' real rate limits would
        // make every scenario wait on them.
        min_interval: Some(std::time::Duration::from_millis(100)),
        ..PollPolicy::default()
    }
}

/// A studio on a temp library whose every route goes to `sim` with the key the emulator
/// accepts there, for engine-level scenarios.
pub async fn studio_on(sim: &SimHandle, data_dir: &Path) -> Studio {
    studio_with(sim, data_dir, fast_poll()).await
}

/// [`studio_on`] with a policy of the scenario's own (short timeouts, ...).
pub async fn studio_with(sim: &SimHandle, data_dir: &Path, poll: PollPolicy) -> Studio {
    studio_with_keys_and_poll(sim, data_dir, |route| sim.route_key(route), poll).await
}

/// [`studio_on`] with the keys `key_of` hands each route (e.g. a wrong one).
pub async fn studio_with_keys(sim: &SimHandle, data_dir: &Path, key_of: impl Fn(&str) -> Option<String>) -> Studio {
    studio_with_keys_and_poll(sim, data_dir, key_of, fast_poll()).await
}

/// A studio with both the keys and the polling policy chosen by the scenario.
pub async fn studio_with_keys_and_poll(
    sim: &SimHandle,
    data_dir: &Path,
    key_of: impl Fn(&str) -> Option<String>,
    poll: PollPolicy,
) -> Studio {
    let studio = Studio::open(StudioOptions {
        data_dir: data_dir.to_path_buf(),
        secrets: Arc::new(MemoryStore::default()),
        catalog: Catalog::builtin(),
        poll,
    })
    .await
    .expect("studio opens");
    studio.set_demo(Some(DemoBackend::new(key_of, |route| sim.route_base_url(route))));
    studio
}

/// Runs one model through the engine against `sim` and returns the finished clip and the
/// raw provider statuses it went through.
pub async fn run_one(
    sim: &SimHandle,
    model: &str,
    tweak: impl FnOnce(&mut dailies_core::catalog::CanonicalParams),
) -> (dailies_core::api::ClipView, Vec<String>) {
    run_one_full(sim, model, |route| sim.route_key(route), fast_poll(), tweak).await
}

/// [`run_one`] with a policy of the scenario's own.
pub async fn run_one_with(
    sim: &SimHandle,
    model: &str,
    poll: PollPolicy,
    tweak: impl FnOnce(&mut dailies_core::catalog::CanonicalParams),
) -> (dailies_core::api::ClipView, Vec<String>) {
    run_one_full(sim, model, |route| sim.route_key(route), poll, tweak).await
}

/// [`run_one`] with the keys `key_of` hands each route (e.g. another route's key).
pub async fn run_one_with_keys(
    sim: &SimHandle,
    model: &str,
    key_of: impl Fn(&str) -> Option<String>,
    tweak: impl FnOnce(&mut dailies_core::catalog::CanonicalParams),
) -> (dailies_core::api::ClipView, Vec<String>) {
    run_one_full(sim, model, key_of, fast_poll(), tweak).await
}

async fn run_one_full(
    sim: &SimHandle,
    model: &str,
    key_of: impl Fn(&str) -> Option<String>,
    poll: PollPolicy,
    tweak: impl FnOnce(&mut dailies_core::catalog::CanonicalParams),
) -> (dailies_core::api::ClipView, Vec<String>) {
    let dir = tempfile::tempdir().expect("tempdir");
    let studio = studio_with_keys_and_poll(sim, dir.path(), key_of, poll).await;
    let mut params =
        dailies_core::catalog::CanonicalParams { prompt: "a lighthouse in fog".into(), ..Default::default() };
    tweak(&mut params);
    let request = dailies_core::api::CompareRequest { params, models: vec![model.into()], ..Default::default() };
    let plan = studio.plan(&request).expect("valid plan");
    let view = studio.start(&plan).await.expect("run starts").finish().await.expect("run finishes");
    let clip = view.clips.into_iter().next().expect("one clip");
    let events = studio.store().events(&clip.id).await.expect("events");
    let raw = events.iter().filter_map(|e| e.raw_status.clone()).collect();
    // Keep the library alive until the caller has looked at the file.
    std::mem::forget(dir);
    (clip, raw)
}

/// A Stoplight Prism mock of an official spec: it answers with the spec's examples and
/// rejects any request that breaks the spec with 422 and a `validation` list.
pub struct Prism {
    child: std::process::Child,
    pub base_url: String,
}

impl Prism {
    /// `None` (with a note) when Prism is not installed, unless DAILIES_REQUIRE_PRISM is set.
    pub async fn start(spec: &str) -> Option<Prism> {
        let bin = workspace_root().join("tests/prism/node_modules/.bin/prism");
        if !bin.exists() {
            assert!(
                std::env::var_os("DAILIES_REQUIRE_PRISM").is_none(),
                "DAILIES_REQUIRE_PRISM is set but Prism is missing; run scripts/setup.sh"
            );
            eprintln!("skipping: Prism not installed (cd tests/prism && npm ci)");
            return None;
        }
        let port = std::net::TcpListener::bind("127.0.0.1:0").ok()?.local_addr().ok()?.port();
        let child = Command::new(bin)
            .args(["mock", "-h", "127.0.0.1", "-p", &port.to_string(), "--errors"])
            .arg(workspace_root().join("tests/specs").join(spec))
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("prism starts");
        let prism = Prism { child, base_url: format!("http://127.0.0.1:{port}") };
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
        while tokio::net::TcpStream::connect(("127.0.0.1", port)).await.is_err() {
            assert!(std::time::Instant::now() < deadline, "Prism did not start within 120 s");
            tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        }
        Some(prism)
    }
}

impl Drop for Prism {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

//! tauri-driver as a child process: spawned on free ports, always stopped with SIGTERM.
//! SIGKILL (`Child::kill`) would orphan WebKitWebDriver, which then holds the test's
//! stdout open and hangs `cargo test` (see the machine notes).

use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct Driver {
    child: Child,
    pub port: u16,
}

fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind a free port");
    listener.local_addr().expect("local addr").port()
}

/// Finds `name` on PATH.
pub fn which(name: &str) -> Option<std::path::PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|dir| dir.join(name)).find(|p| p.is_file())
}

impl Driver {
    /// Starts tauri-driver with the app's environment and waits until it accepts connections.
    pub fn start(data_dir: &Path) -> Driver {
        Driver::start_with_env(data_dir, &[])
    }

    /// [`Driver::start`] with more environment for the app (it reaches the app through
    /// tauri-driver and WebKitWebDriver), e.g. a route's base URL and key.
    pub fn start_with_env(data_dir: &Path, env: &[(&str, String)]) -> Driver {
        let native = which("WebKitWebDriver").expect("WebKitWebDriver not on PATH (apt install webkit2gtk-driver)");
        let port = free_port();
        // Our own native port too, so parallel runs never collide on tauri-driver's default 4445.
        let native_port = free_port();
        let mut command = Command::new("tauri-driver");
        command.envs(env.iter().map(|(k, v)| (*k, v.as_str())));
        let child = command
            .args(["--port", &port.to_string(), "--native-port", &native_port.to_string()])
            .arg("--native-driver")
            .arg(&native)
            .env("DAILIES_DATA_DIR", data_dir)
            .env("DAILIES_DEMO", "1")
            .env("DAILIES_KEYRING_SERVICE", "dailies-e2e")
            .stdin(Stdio::null())
            .spawn()
            .expect("spawn tauri-driver (cargo install tauri-driver --version '^2' --locked)");
        let driver = Driver { child, port };
        let deadline = Instant::now() + Duration::from_secs(30);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "tauri-driver did not listen on port {port} within 30 s");
            std::thread::sleep(Duration::from_millis(100));
        }
        driver
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// A WebDriver session on the app binary `app`.
    pub async fn connect(&self, app: &Path) -> fantoccini::Client {
        let caps = serde_json::json!({ "browserName": "wry", "tauri:options": { "application": app } });
        let caps = caps.as_object().expect("capabilities object").clone();
        fantoccini::ClientBuilder::native().capabilities(caps).connect(&self.url()).await.expect("WebDriver session")
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let pid = self.child.id().to_string();
        let _ = Command::new("kill").args(["-TERM", &pid]).status();
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            match self.child.try_wait() {
                Ok(Some(_)) => return,
                Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(100)),
                _ => break,
            }
        }
        // Last resort only: a driver that ignores SIGTERM for 15 s is already broken.
        eprintln!("e2e: tauri-driver ignored SIGTERM; killing it");
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

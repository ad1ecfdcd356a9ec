//! The .deb's contract, checked without a release build (that is `scripts/deb-smoke.sh`):
//! Tauri's bundle config in `src-tauri/tauri.conf.json` builds a deb that installs the app,
//! the `dailies` CLI as /usr/bin/dailies and icons, and its Depends covers every shared
//! library the two binaries load directly (read from the debug builds with readelf, mapped to
//! Debian packages with dpkg) plus the GStreamer plugins WebKitGTK plays H.264/AAC with.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use dailies_tests::workspace_root;
use serde_json::Value;

fn conf() -> Value {
    let path = workspace_root().join("src-tauri/tauri.conf.json");
    serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap()
}

fn depends(conf: &Value) -> BTreeSet<String> {
    let list = conf["bundle"]["linux"]["deb"]["depends"].as_array().expect("bundle.linux.deb.depends");
    list.iter().map(|d| d.as_str().unwrap().to_string()).collect()
}

#[test]
fn the_bundle_builds_a_deb_with_the_cli_the_icons_and_the_media_runtime() {
    let conf = conf();
    let bundle = &conf["bundle"];
    assert_eq!(bundle["active"], true);
    assert!(bundle["targets"].as_array().unwrap().iter().any(|t| t == "deb"), "{bundle}");
    // The app's binary must not take the CLI's name in /usr/bin.
    let app_bin = conf["mainBinaryName"].as_str().expect("mainBinaryName");
    assert_ne!(app_bin, "dailies");

    let files = &bundle["linux"]["deb"]["files"];
    let cli = files["/usr/bin/dailies"].as_str().expect("the CLI is mapped to /usr/bin/dailies");
    assert_eq!(cli, "../target/release/dailies", "scripts/package.sh builds it there");
    let cli_manifest = std::fs::read_to_string(workspace_root().join("crates/dailies-cli/Cargo.toml")).unwrap();
    assert!(cli_manifest.contains("name = \"dailies\""), "the CLI's binary is called dailies");

    for icon in bundle["icon"].as_array().unwrap() {
        let path = workspace_root().join("src-tauri").join(icon.as_str().unwrap());
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(bytes.starts_with(b"\x89PNG"), "{} is a PNG", path.display());
    }

    let deps = depends(&conf);
    // Video in WebKitGTK: GStreamer demuxes MP4 (good), decodes H.264 and AAC (libav; bad
    // for the parsers), and ffmpeg makes posters and side-by-side exports.
    for needed in [
        "libwebkit2gtk-4.1-0",
        "libgtk-3-0",
        "gstreamer1.0-plugins-base",
        "gstreamer1.0-plugins-good",
        "gstreamer1.0-plugins-bad",
        "gstreamer1.0-libav",
        "ffmpeg",
    ] {
        assert!(deps.contains(needed), "Depends lacks {needed}: {deps:?}");
    }
}

#[test]
fn depends_covers_every_library_the_binaries_link() {
    let deps = depends(&conf());
    let debug = workspace_root().join("target/debug");
    let target = std::env::var_os("CARGO_TARGET_DIR").map(std::path::PathBuf::from).map(|t| t.join("debug"));
    let dir = target.filter(|d| d.join("dailies-app").exists()).unwrap_or(debug);
    let binaries: Vec<_> = ["dailies-app", "dailies"].iter().map(|b| dir.join(b)).filter(|b| b.exists()).collect();
    if binaries.is_empty() || !has("readelf") || !has("dpkg-query") {
        eprintln!("deb_bundle: no built binaries or no readelf/dpkg here; link check skipped");
        return;
    }
    // What Depends brings along, one level down (libgtk-3-0 brings glib, cairo, pango, ...).
    let mut covered: BTreeSet<String> = deps.clone();
    for d in &deps {
        covered.extend(package_depends(d));
    }
    for binary in binaries {
        for lib in needed_libraries(&binary) {
            let Some(package) = package_of(&lib) else { continue };
            // libc6 and the compiler runtime are on every Debian system (Essential / required).
            if ["libc6", "libgcc-s1"].contains(&package.as_str()) {
                continue;
            }
            assert!(
                covered.contains(&package),
                "{} links {lib} from {package}, not in Depends {deps:?}",
                binary.display()
            );
        }
    }
}

fn has(tool: &str) -> bool {
    Command::new("sh").args(["-c", &format!("command -v {tool}")]).output().is_ok_and(|o| o.status.success())
}

fn needed_libraries(binary: &Path) -> Vec<String> {
    let out = Command::new("readelf").arg("-d").arg(binary).output().unwrap();
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| l.contains("(NEEDED)"))
        .filter_map(|l| l.split('[').nth(1).and_then(|s| s.split(']').next()).map(str::to_string))
        .collect()
}

/// The installed package that ships `lib` (`None` when dpkg does not know the file).
fn package_of(lib: &str) -> Option<String> {
    let out = Command::new("dpkg-query").args(["-S", &format!("*/{lib}")]).output().ok()?;
    let text = String::from_utf8_lossy(&out.stdout);
    let line = text.lines().find(|l| !l.contains("-dev"))?;
    Some(line.split(':').next()?.split(',').next()?.trim().to_string())
}

fn package_depends(package: &str) -> Vec<String> {
    let Ok(out) = Command::new("dpkg-query").args(["-W", "-f=${Depends}", package]).output() else { return vec![] };
    String::from_utf8_lossy(&out.stdout)
        .split([',', '|'])
        .filter_map(|d| d.split_whitespace().next())
        .map(|d| d.split(':').next().unwrap_or(d).to_string())
        .collect()
}

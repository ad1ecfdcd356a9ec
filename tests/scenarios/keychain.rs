//! Keys in the real OS keychain (Secret Service via gnome-keyring under dbus-run-session).
//! CI sets DAILIES_REQUIRE_KEYCHAIN=1 so a missing Secret Service fails instead of skipping.

use std::io::Write;
use std::process::Stdio;

use dailies_core::catalog::RouteId;
use dailies_core::secrets::{KeyringStore, Secret, SecretStore};
use dailies_tests::dailies;

fn secret_service_available() -> bool {
    if std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some() {
        return true;
    }
    assert!(
        std::env::var_os("DAILIES_REQUIRE_KEYCHAIN").is_none(),
        "DAILIES_REQUIRE_KEYCHAIN is set but there is no D-Bus session (run under dbus-run-session with gnome-keyring)"
    );
    eprintln!("skipping: no D-Bus session bus for the Secret Service");
    false
}

#[test]
fn keyring_store_round_trips_through_the_secret_service() {
    if !secret_service_available() {
        return;
    }
    let store = KeyringStore::with_service(format!("dailies-test-{}", std::process::id()));
    assert_eq!(store.get(RouteId::Runway).unwrap(), None);
    store.set(RouteId::Runway, &Secret::new("rw-secret-value")).unwrap();
    // A fresh store object reads it back: it really lives in the keychain, not in memory.
    let again = KeyringStore::with_service(format!("dailies-test-{}", std::process::id()));
    assert_eq!(again.get(RouteId::Runway).unwrap().unwrap().expose(), "rw-secret-value");
    assert!(again.delete(RouteId::Runway).unwrap());
    assert_eq!(again.get(RouteId::Runway).unwrap(), None);
    assert!(!again.delete(RouteId::Runway).unwrap());
}

#[test]
fn cli_keys_set_list_rm_use_the_keychain_and_never_echo_the_key() {
    if !secret_service_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let service = format!("dailies-cli-test-{}", std::process::id());
    let key = "luma-key-that-must-not-echo";
    let mut set = dailies(dir.path());
    set.env("DAILIES_KEYRING_SERVICE", &service).args(["keys", "set", "luma"]);
    let mut child = set.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    child.stdin.take().unwrap().write_all(format!("{key}\n").as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(!String::from_utf8_lossy(&out.stdout).contains(key));

    let list = dailies(dir.path()).env("DAILIES_KEYRING_SERVICE", &service).args(["keys", "list"]).output().unwrap();
    let text = String::from_utf8_lossy(&list.stdout);
    assert!(text.lines().any(|l| l.starts_with("luma") && l.contains("keychain")), "{text}");
    assert!(!text.contains(key));
    // The key stored by the CLI is readable through the keyring crate: it is the real keychain.
    let stored = KeyringStore::with_service(&service).get(RouteId::Luma).unwrap().unwrap();
    assert_eq!(stored.expose(), key);

    let rm =
        dailies(dir.path()).env("DAILIES_KEYRING_SERVICE", &service).args(["keys", "rm", "luma"]).output().unwrap();
    assert!(rm.status.success());
    assert_eq!(KeyringStore::with_service(&service).get(RouteId::Luma).unwrap(), None);
}

/// A keychain that cannot be reached is reported as such, with the fix, and nothing is sent;
/// it is not mistaken for a missing key.
#[test]
fn an_unreachable_keychain_is_reported_with_its_fix_not_as_no_key() {
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = dailies(dir.path());
    cmd.env("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/dailies-test-bus");
    cmd.args(["compare", "--model", "sora-2@openai", "--prompt", "fog", "--yes", "--json"]);
    let out = cmd.output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("locked or unavailable"), "{stderr}");
    assert!(stderr.contains("unlock the login keyring, or set OPENAI_API_KEY"), "{stderr}");
    assert!(!stderr.contains("no key for route"), "{stderr}");
}

use wiremock::matchers::{header, header_exists, method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

use super::*;

/// The engine's own client: same-host redirects only.
fn client() -> reqwest::Client {
    crate::engine::Timeouts::default().client().unwrap()
}

fn clip_bytes() -> Vec<u8> {
    (0..10_000u32).map(|i| (i * 7 % 251) as u8).collect()
}

fn output(server: &MockServer) -> OutputFile {
    OutputFile { url: format!("{}/clip.mp4", server.uri()), auth_header: None, billed: None }
}

/// Serves `Range: bytes=N-` as 206 with the rest of the file.
struct Ranged(Vec<u8>);

impl Respond for Ranged {
    fn respond(&self, req: &Request) -> ResponseTemplate {
        let total = self.0.len();
        let start: usize = req
            .headers
            .get("range")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("bytes="))
            .and_then(|v| v.trim_end_matches('-').parse().ok())
            .unwrap_or(0);
        ResponseTemplate::new(206)
            .insert_header("content-range", format!("bytes {start}-{}/{total}", total - 1).as_str())
            .set_body_bytes(self.0[start..].to_vec())
    }
}

async fn setup() -> (MockServer, tempfile::TempDir, std::path::PathBuf) {
    let server = MockServer::start().await;
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("run/clip.mp4");
    std::fs::create_dir_all(target.parent().unwrap()).unwrap();
    (server, dir, target)
}

#[tokio::test]
async fn a_partial_download_resumes_with_range_and_ends_byte_identical() {
    let (server, _dir, target) = setup().await;
    let full = clip_bytes();
    std::fs::write(target.with_extension("mp4.part"), &full[..4321]).unwrap();
    Mock::given(method("GET"))
        .and(path("/clip.mp4"))
        .and(header("range", "bytes=4321-"))
        .respond_with(Ranged(full.clone()))
        .expect(1)
        .mount(&server)
        .await;
    fetch(&client(), RouteId::Fal, &output(&server), &target).await.unwrap();
    assert_eq!(std::fs::read(&target).unwrap(), full);
    assert!(!target.with_extension("mp4.part").exists());
}

#[tokio::test]
async fn a_server_ignoring_range_restarts_the_file_from_zero() {
    let (server, _dir, target) = setup().await;
    let full = clip_bytes();
    std::fs::write(target.with_extension("mp4.part"), &full[..100]).unwrap();
    Mock::given(method("GET"))
        .and(header_exists("range"))
        .respond_with(ResponseTemplate::new(200).set_body_bytes(full.clone()))
        .expect(1)
        .mount(&server)
        .await;
    fetch(&client(), RouteId::Fal, &output(&server), &target).await.unwrap();
    assert_eq!(std::fs::read(&target).unwrap(), full);
}

#[tokio::test]
async fn a_cross_host_redirect_is_followed_without_the_key() {
    let (server, _dir, target) = setup().await;
    let full = clip_bytes();
    // Same server, other host name: a different origin as far as the key is concerned.
    let elsewhere = server.uri().replace("127.0.0.1", "localhost");
    Mock::given(path("/clip.mp4"))
        .respond_with(ResponseTemplate::new(302).insert_header("location", format!("{elsewhere}/cdn.mp4").as_str()))
        .mount(&server)
        .await;
    Mock::given(path("/cdn.mp4"))
        .and(header_exists("x-goog-api-key"))
        .respond_with(ResponseTemplate::new(500))
        .mount(&server)
        .await;
    Mock::given(path("/cdn.mp4"))
        .respond_with(ResponseTemplate::new(200).set_body_bytes(full.clone()))
        .mount(&server)
        .await;
    let mut out = output(&server);
    out.auth_header = Some(("x-goog-api-key".into(), crate::secrets::Secret::new("k3y-for-google")));
    fetch(&client(), RouteId::Google, &out, &target).await.unwrap();
    assert_eq!(std::fs::read(&target).unwrap(), full);
}

#[cfg(target_os = "linux")]
#[tokio::test]
async fn a_full_disk_is_a_local_error_not_the_providers() {
    let (server, _dir, target) = setup().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_bytes(clip_bytes()))
        .mount(&server)
        .await;
    // Every write to /dev/full fails with ENOSPC, as on a full disk.
    std::os::unix::fs::symlink("/dev/full", target.with_extension("mp4.part")).unwrap();
    let err = fetch(&client(), RouteId::Google, &output(&server), &target).await.unwrap_err();
    let FetchError::Local(err) = err else { panic!("expected a local error, got {err:?}") };
    assert_eq!(err.code(), "disk_full");
    assert!(err.to_string().contains("disk is full"), "{err}");
    assert!(!err.to_string().contains("Google"), "{err}");
}

//! The loopback media server. WebKitGTK's `<video>` plays only http(s) URLs (asset://,
//! custom schemes and large blobs fail), so the app serves library clips from
//! `http://127.0.0.1:<random port>/<random token>/<run>/<clip>.mp4` with Range support, and
//! each clip's poster frame next to it (`<clip>.jpg`).
//! It serves the media folder only, and only to requests carrying this launch's token.
//! Every response allows cross-origin reads: the page (tauri://localhost, or the dev
//! server) is another origin, and the player reads frames through a canvas (PNG output),
//! which a `crossorigin` video gets only with `Access-Control-Allow-Origin`. The token, not
//! the origin, is what keeps other local pages out.

use std::io::SeekFrom;
use std::net::SocketAddr;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Path as UrlPath, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::map_response;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::serve::ListenerExt;
use axum::Router;
use tokio::io::{AsyncReadExt, AsyncSeekExt};
use tokio_util::io::ReaderStream;

use crate::error::{Error, Result};

pub struct MediaServer {
    pub addr: SocketAddr,
    pub token: String,
}

impl MediaServer {
    /// `http://127.0.0.1:<port>/<token>`; a clip is at `<base>/<media_path>`.
    pub fn base_url(&self) -> String {
        format!("http://{}/{}", self.addr, self.token)
    }
}

struct Served {
    root: PathBuf,
    token: String,
}

/// Binds 127.0.0.1 on a random port and serves `media_dir` until the runtime stops.
pub async fn start(media_dir: &Path) -> Result<MediaServer> {
    let token = uuid::Uuid::new_v4().simple().to_string();
    let root = media_dir.canonicalize().map_err(|e| Error::io(media_dir, e))?;
    let state = Arc::new(Served { root, token: token.clone() });
    let app = Router::new()
        .route("/{token}/{*path}", get(serve).head(serve))
        .with_state(state)
        .layer(map_response(allow_cross_origin_reads));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.map_err(|e| Error::io("127.0.0.1:0", e))?;
    let addr = listener.local_addr().map_err(|e| Error::io("127.0.0.1:0", e))?;
    // Without TCP_NODELAY small range replies can sit behind delayed ACKs (~40 ms), which
    // shows up as sluggish seeking in the player.
    let listener = listener.tap_io(|tcp| {
        let _ = tcp.set_nodelay(true);
    });
    tokio::spawn(async move {
        if let Err(e) = axum::serve(listener, app).await {
            tracing::error!(error = %e, "media server stopped");
        }
    });
    Ok(MediaServer { addr, token })
}

async fn serve(
    State(s): State<Arc<Served>>,
    method: Method,
    UrlPath((token, path)): UrlPath<(String, String)>,
    headers: HeaderMap,
) -> Response {
    if token != s.token {
        return StatusCode::NOT_FOUND.into_response();
    }
    let Some(file_path) = library_file(&s.root, &path) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    match respond(&file_path, &method, &headers).await {
        Ok(r) => r,
        Err(status) => status.into_response(),
    }
}

/// What the media folder holds: clips and their poster frames.
fn content_type(path: &Path) -> Option<&'static str> {
    match path.extension().and_then(|e| e.to_str()) {
        Some("mp4") => Some("video/mp4"),
        Some("jpg") => Some("image/jpeg"),
        _ => None,
    }
}

/// Only plain relative paths to clips and posters that really are inside the media folder.
/// `*` rather than the page's origin: it differs between the built app and the dev server,
/// and the URL's token already limits who can read (no credentials are ever sent).
async fn allow_cross_origin_reads(mut response: Response) -> Response {
    response.headers_mut().insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
    response
}

/// Only plain relative paths to `.mp4` files that really are inside the media folder.
fn library_file(root: &Path, path: &str) -> Option<PathBuf> {
    let rel = Path::new(path);
    if !rel.components().all(|c| matches!(c, Component::Normal(_))) {
        return None;
    }
    content_type(rel)?;
    let full = root.join(rel).canonicalize().ok()?;
    full.starts_with(root).then_some(full)
}

async fn respond(path: &Path, method: &Method, headers: &HeaderMap) -> Result<Response, StatusCode> {
    let mut file = tokio::fs::File::open(path).await.map_err(|_| StatusCode::NOT_FOUND)?;
    let len = file.metadata().await.map_err(|_| StatusCode::NOT_FOUND)?.len();
    let range = headers.get(header::RANGE).and_then(|v| v.to_str().ok());
    let (status, start, end) = match range.map(|r| parse_range(r, len)) {
        None => (StatusCode::OK, 0, len.saturating_sub(1)),
        Some(Some((a, b))) => (StatusCode::PARTIAL_CONTENT, a, b),
        Some(None) => {
            let r = Response::builder()
                .status(StatusCode::RANGE_NOT_SATISFIABLE)
                .header(header::CONTENT_RANGE, format!("bytes */{len}"))
                .body(Body::empty());
            return r.map_err(|_| StatusCode::INTERNAL_SERVER_ERROR);
        }
    };
    let count = if len == 0 { 0 } else { end - start + 1 };
    let mut builder = Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, content_type(path).unwrap_or("application/octet-stream"))
        .header(header::ACCEPT_RANGES, "bytes")
        .header(header::CONTENT_LENGTH, count)
        .header(header::CACHE_CONTROL, "no-store");
    if status == StatusCode::PARTIAL_CONTENT {
        builder = builder.header(header::CONTENT_RANGE, format!("bytes {start}-{end}/{len}"));
    }
    let body = if method == Method::HEAD {
        Body::empty()
    } else {
        file.seek(SeekFrom::Start(start)).await.map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?;
        Body::from_stream(ReaderStream::new(file.take(count)))
    };
    builder.body(body).map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)
}

/// One `bytes=` range (`a-b`, `a-`, `-n`), clamped to the file; `None` if unsatisfiable.
fn parse_range(value: &str, len: u64) -> Option<(u64, u64)> {
    let spec = value.trim().strip_prefix("bytes=")?.split(',').next()?.trim();
    let (a, b) = spec.split_once('-')?;
    if len == 0 {
        return None;
    }
    let (start, end) = match (a.trim(), b.trim()) {
        ("", n) => {
            let n: u64 = n.parse().ok()?;
            (len.saturating_sub(n), len - 1)
        }
        (a, "") => (a.parse().ok()?, len - 1),
        (a, b) => (a.parse().ok()?, b.parse::<u64>().ok()?.min(len - 1)),
    };
    (start <= end && start < len).then_some((start, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_follow_rfc_7233() {
        assert_eq!(parse_range("bytes=0-99", 1000), Some((0, 99)));
        assert_eq!(parse_range("bytes=900-", 1000), Some((900, 999)));
        assert_eq!(parse_range("bytes=-100", 1000), Some((900, 999)));
        assert_eq!(parse_range("bytes=990-2000", 1000), Some((990, 999)));
        assert_eq!(parse_range("bytes=1000-", 1000), None);
        assert_eq!(parse_range("items=0-1", 1000), None);
    }

    /// The header a `crossorigin` video needs to be drawn into a readable canvas, on whole
    /// and ranged answers alike (WebKit fetches media in ranges).
    #[tokio::test]
    async fn media_answers_allow_cross_origin_reads() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("run")).unwrap();
        std::fs::write(dir.path().join("run/a.mp4"), vec![7u8; 100]).unwrap();
        let server = start(dir.path()).await.unwrap();
        let url = format!("{}/run/a.mp4", server.base_url());
        let http = reqwest::Client::new();
        let whole = http.get(&url).header("Origin", "tauri://localhost").send().await.unwrap();
        let ranged = http.get(&url).header("Range", "bytes=10-19").send().await.unwrap();
        assert_eq!((whole.status().as_u16(), ranged.status().as_u16()), (200, 206));
        for answer in [&whole, &ranged] {
            assert_eq!(answer.headers().get("access-control-allow-origin").unwrap(), "*");
        }
        let wrong_token = http.get(format!("http://{}/nope/run/a.mp4", server.addr)).send().await.unwrap();
        assert_eq!(wrong_token.status().as_u16(), 404);
    }

    #[test]
    fn only_plain_clip_and_poster_paths_inside_the_root() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        std::fs::create_dir_all(root.join("run")).unwrap();
        std::fs::write(root.join("run/a.mp4"), b"x").unwrap();
        std::fs::write(root.join("run/a.txt"), b"x").unwrap();
        std::fs::write(root.join("run/a.jpg"), b"x").unwrap();
        assert!(library_file(&root, "run/a.mp4").is_some());
        assert!(library_file(&root, "run/a.jpg").is_some());
        assert!(library_file(&root, "run/a.txt").is_none());
        assert!(library_file(&root, "../etc/passwd.mp4").is_none());
        assert!(library_file(&root, "/etc/a.mp4").is_none());
        assert!(library_file(&root, "run/missing.mp4").is_none());
    }
}

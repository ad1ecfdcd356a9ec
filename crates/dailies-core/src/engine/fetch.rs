//! Fetching a finished clip's bytes into `<clip>.mp4.part`, resuming from what is already
//! there with `Range: bytes=N-`, then renaming it into the library so a crash never leaves
//! a half-written clip under its final name. A provider fault (transient or not) and a
//! local one (disk full, no permission) stay apart: only the first is worth asking again.

use std::path::Path;

use futures::StreamExt;
use reqwest::header::{CONTENT_RANGE, RANGE};
use reqwest::{Response, StatusCode, Url};
use tokio::io::AsyncWriteExt;

use crate::catalog::RouteId;
use crate::error::Error;
use crate::providers::{redirect_target, same_origin, sensitive, OutputFile, ProviderError};

/// Redirects followed by hand (ones leaving the host; the client follows the others).
const MAX_HOPS: usize = 5;

#[derive(Debug)]
pub(super) enum FetchError {
    Provider(ProviderError),
    Local(Error),
}

impl From<ProviderError> for FetchError {
    fn from(e: ProviderError) -> Self {
        FetchError::Provider(e)
    }
}

pub(super) async fn fetch(
    http: &reqwest::Client,
    route: RouteId,
    out: &OutputFile,
    target: &Path,
) -> Result<(), FetchError> {
    let local = |path: &Path| {
        let path = path.to_path_buf();
        move |e| FetchError::Local(Error::local_io(path, e))
    };
    if let Some(dir) = target.parent() {
        tokio::fs::create_dir_all(dir).await.map_err(local(dir))?;
    }
    let part = target.with_extension("mp4.part");
    let have = tokio::fs::metadata(&part).await.map_or(0, |m| m.len());
    let resp = open(http, route, out, have).await?;
    let network = |detail: String| FetchError::Provider(ProviderError::Network { route, detail, sent: true });
    let (mut file, total) = match resp.status() {
        StatusCode::PARTIAL_CONTENT => match content_range(&resp) {
            Some((start, total)) if start == have => {
                let file = tokio::fs::OpenOptions::new().append(true).open(&part).await.map_err(local(&part))?;
                (file, total)
            }
            _ => {
                let _ = tokio::fs::remove_file(&part).await;
                return Err(network("the download resumed at the wrong byte; starting over".into()));
            }
        },
        StatusCode::RANGE_NOT_SATISFIABLE => {
            let _ = tokio::fs::remove_file(&part).await;
            return Err(network("the partial download no longer matches the file; starting over".into()));
        }
        // A server that ignores Range sends the whole file: start again from byte 0.
        _ => (tokio::fs::File::create(&part).await.map_err(local(&part))?, resp.content_length()),
    };
    let mut body = resp.bytes_stream();
    while let Some(chunk) = body.next().await {
        // The bytes so far stay in `.part`: the next attempt resumes after them.
        let chunk = chunk.map_err(|e| network(format!("download interrupted: {e}")))?;
        file.write_all(&chunk).await.map_err(local(&part))?;
    }
    file.sync_all().await.map_err(local(&part))?;
    drop(file);
    let size = tokio::fs::metadata(&part).await.map_err(local(&part))?.len();
    if let Some(total) = total.filter(|&t| t != size) {
        if size > total {
            let _ = tokio::fs::remove_file(&part).await;
        }
        return Err(network(format!("download ended at {size} of {total} bytes")));
    }
    tokio::fs::rename(&part, target).await.map_err(local(target))?;
    Ok(())
}

/// Sends the GET (with `Range` when bytes are already there) and classifies the answer.
/// A redirect to another host is followed without the route's key: a CDN needs none.
async fn open(http: &reqwest::Client, route: RouteId, out: &OutputFile, have: u64) -> Result<Response, FetchError> {
    let malformed = |detail: String| FetchError::Provider(ProviderError::Malformed { route, detail });
    let mut url = Url::parse(&out.url).map_err(|e| malformed(format!("download URL: {e}")))?;
    let mut with_key = true;
    for _ in 0..=MAX_HOPS {
        let mut req = http.get(url.clone());
        if let Some((name, value)) = out.auth_header.as_ref().filter(|_| with_key) {
            req = req.header(name.as_str(), sensitive(value.expose()));
        }
        if have > 0 {
            req = req.header(RANGE, format!("bytes={have}-"));
        }
        let resp = req.send().await.map_err(|e| ProviderError::Network { route, detail: e.to_string(), sent: true })?;
        if let Some(next) = redirect_target(&resp) {
            with_key &= same_origin(&url, &next);
            url = next;
            continue;
        }
        let status = resp.status();
        return match status.as_u16() {
            403 | 404 | 410 => Err(ProviderError::Expired { route }.into()),
            429 => Err(ProviderError::RateLimited {
                route,
                retry_after: crate::providers::parse_retry_after(resp.headers()),
            }
            .into()),
            500..=599 => {
                Err(ProviderError::Unavailable { route, detail: format!("download HTTP {}", status.as_u16()) }.into())
            }
            416 if have > 0 => Ok(resp),
            _ if status.is_success() => Ok(resp),
            code => Err(malformed(format!("download HTTP {code}"))),
        };
    }
    Err(malformed("download redirected too many times".into()))
}

/// `Content-Range: bytes START-END/TOTAL` → (START, TOTAL); TOTAL may be `*`.
fn content_range(resp: &Response) -> Option<(u64, Option<u64>)> {
    let value = resp.headers().get(CONTENT_RANGE)?.to_str().ok()?;
    let (range, total) = value.trim().strip_prefix("bytes ")?.split_once('/')?;
    let start = range.split_once('-')?.0.trim().parse().ok()?;
    Some((start, total.trim().parse().ok()))
}

#[cfg(test)]
#[path = "fetch_tests.rs"]
mod tests;

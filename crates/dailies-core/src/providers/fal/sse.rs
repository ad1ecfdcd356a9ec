//! The status stream (fal.md §5): `data:` events carrying status objects, `: ping`
//! keep-alives every 15 s, closed by the server after COMPLETED.

use std::time::Duration;

use futures::stream::{BoxStream, StreamExt};
use serde_json::Value;

use super::{parse_status, ROUTE};
use crate::providers::{ProviderError, StatusUpdate};

/// A stream silent this long is treated as dead so the engine falls back to polling
/// (fal pings every 15 s; the JS client gives up after 15 s without a chunk). Pings reset
/// this timer, so a stream that only pings is ended by the engine's overall stream
/// deadline (`Timeouts::stream`, applied to every route's stream in `engine/job.rs`).
const SILENCE: Duration = Duration::from_secs(30);

/// Parses `data:` events into status updates; comment lines are keep-alives.
pub(super) fn sse_updates(resp: reqwest::Response) -> BoxStream<'static, Result<StatusUpdate, ProviderError>> {
    let bytes = resp.bytes_stream();
    let state = (bytes, String::new(), false);
    futures::stream::unfold(state, |(mut bytes, mut buf, done)| async move {
        if done {
            return None;
        }
        loop {
            if let Some(pos) = buf.find("\n\n") {
                let event: String = buf.drain(..pos + 2).collect();
                let data: Vec<&str> = event.lines().filter_map(|l| l.strip_prefix("data:")).map(str::trim).collect();
                if data.is_empty() {
                    continue;
                }
                let parsed = serde_json::from_str::<Value>(&data.join("\n"))
                    .map_err(|e| ProviderError::Malformed { route: ROUTE, detail: format!("SSE event: {e}") })
                    .and_then(|v| parse_status(&v));
                return Some((parsed, (bytes, buf, false)));
            }
            match tokio::time::timeout(SILENCE, bytes.next()).await {
                Ok(Some(Ok(chunk))) => buf.push_str(&String::from_utf8_lossy(&chunk).replace("\r\n", "\n")),
                Ok(Some(Err(e))) => {
                    let err = ProviderError::Network { route: ROUTE, detail: e.to_string(), sent: true };
                    return Some((Err(err), (bytes, buf, true)));
                }
                Ok(None) => return None,
                Err(_) => {
                    let err =
                        ProviderError::Network { route: ROUTE, detail: "status stream went silent".into(), sent: true };
                    return Some((Err(err), (bytes, buf, true)));
                }
            }
        }
    })
    .boxed()
}

//! Scripted faults: queued by tests, consumed by the protocol handlers in FIFO order.

pub(crate) mod transport;

use std::sync::Mutex;

use serde::{Deserialize, Serialize};

/// One scripted failure. `times` requests (or jobs) matching `route`, `op` and
/// `endpoint_contains` get `kind` instead of normal behaviour.
///
/// Request-level kinds (`rate_limit`, `rate_limit_header`, `server_error`,
/// `insufficient_balance`, `malformed`, `stall`, `cut_download`, `redirect_to`, `echo_key`)
/// replace the response of the matching `op`. Job-level kinds (`fail_completed`,
/// `content_policy`) decide a job's fate when it is submitted, whatever `op` says.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Fault {
    /// `"fal"` or `"openai"`.
    pub route: String,
    pub op: FaultOp,
    pub kind: FaultKind,
    #[serde(default = "one")]
    pub times: u32,
    /// Only requests whose fal endpoint id (or OpenAI model) contains this substring.
    #[serde(default)]
    pub endpoint_contains: Option<String>,
}

fn one() -> u32 {
    1
}

impl Fault {
    /// A fault that fires once for every endpoint on `route`.
    pub fn once(route: &str, op: FaultOp, kind: FaultKind) -> Self {
        Self { route: route.to_owned(), op, kind, times: 1, endpoint_contains: None }
    }

    fn matches(&self, route: &str, endpoint: &str) -> bool {
        self.route == route && self.endpoint_contains.as_deref().is_none_or(|needle| endpoint.contains(needle))
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FaultOp {
    Submit,
    /// Status polling and the fal SSE stream.
    Status,
    Result,
    /// The video bytes download (fal CDN, OpenAI `/content`).
    Content,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FaultKind {
    RateLimit {
        retry_after_s: u64,
    },
    ServerError {
        status: u16,
    },
    FailCompleted {
        error_type: String,
        message: String,
    },
    ContentPolicy,
    /// The provider cancels the job itself once it runs (an operator or a moderation
    /// sweep), reported in the route's own "cancelled" status shape.
    CanceledByProvider,
    InsufficientBalance,
    Malformed,
    /// The route's own 429 with this raw `Retry-After` text (seconds, an HTTP date, `inf`,
    /// garbage) and no `retry-after-ms`; text that is not a valid header value sends none.
    RateLimitHeader {
        retry_after: String,
    },
    /// The response starts (200, headers sent) and its body never comes; on fal's status
    /// stream, a stream that sends only keep-alive pings.
    Stall,
    /// For `content`: the file's headers with its full length, the first half of the
    /// bytes, then the connection drops. The next request (with Range) is served normally.
    CutDownload,
    /// A `307 Temporary Redirect` to `location`, e.g. another host name of the emulator
    /// (`http://localhost:PORT/_sim/elsewhere`), which records whether a key came along.
    RedirectTo {
        location: String,
    },
    /// An error with this HTTP status whose message quotes the request's own key (and,
    /// for a 5xx, an upstream URL with `?key=`), in the route's error envelope.
    EchoKey {
        status: u16,
    },
    /// The connection drops right after the status line: the response never completes.
    ConnectionReset,
    /// For `content`: the output link has expired. The host answers "expired" to every
    /// download of that job until the job's output is asked for again, on routes whose
    /// documentation says a fresh read hands out a fresh link (Runway, MiniMax); on the
    /// others the file is gone for good.
    ExpiredOutput,
}

impl FaultKind {
    /// Whether this kind shapes a job's outcome rather than one HTTP response.
    pub(crate) fn is_job_fate(&self) -> bool {
        matches!(self, Self::FailCompleted { .. } | Self::ContentPolicy | Self::CanceledByProvider)
    }
}

/// How a job ends when a job-level fault was attached at submit.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum JobFate {
    Succeed,
    Fail { error_type: String, message: String },
    ContentPolicy,
    CanceledByProvider,
}

#[derive(Default)]
pub(crate) struct FaultQueue {
    pending: Mutex<Vec<Fault>>,
}

impl FaultQueue {
    pub fn push(&self, fault: Fault) {
        if fault.times == 0 {
            tracing::warn!(?fault, "ignoring fault with times = 0");
            return;
        }
        self.lock().push(fault);
    }

    /// Consumes one use of the first request-level fault for this request.
    pub fn take_request(&self, route: &str, op: FaultOp, endpoint: &str) -> Option<FaultKind> {
        self.take(|f| f.op == op && !f.kind.is_job_fate() && f.matches(route, endpoint))
    }

    /// The fault a poll of one job meets. A `Status` fault hits any poll; a `Result` fault
    /// only a poll that reads the finished result (`reads_result`), and wins over a
    /// queued `Status` fault there.
    pub fn take_poll(&self, route: &str, endpoint: &str, reads_result: bool) -> Option<(FaultKind, FaultOp)> {
        let result = || reads_result.then(|| self.take_op(route, FaultOp::Result, endpoint)).flatten();
        result().or_else(|| self.take_op(route, FaultOp::Status, endpoint))
    }

    /// [`FaultQueue::take_poll`] for the routes (Kling, Runway) where a queued `Status`
    /// fault wins over a `Result` one.
    pub fn take_poll_status_first(
        &self,
        route: &str,
        endpoint: &str,
        reads_result: bool,
    ) -> Option<(FaultKind, FaultOp)> {
        let result = || reads_result.then(|| self.take_op(route, FaultOp::Result, endpoint)).flatten();
        self.take_op(route, FaultOp::Status, endpoint).or_else(result)
    }

    fn take_op(&self, route: &str, op: FaultOp, endpoint: &str) -> Option<(FaultKind, FaultOp)> {
        self.take_request(route, op, endpoint).map(|kind| (kind, op))
    }

    /// Consumes one use of the first job-level fault for a job being submitted.
    pub fn take_fate(&self, route: &str, endpoint: &str) -> JobFate {
        match self.take(|f| f.kind.is_job_fate() && f.matches(route, endpoint)) {
            Some(FaultKind::FailCompleted { error_type, message }) => JobFate::Fail { error_type, message },
            Some(FaultKind::ContentPolicy) => JobFate::ContentPolicy,
            Some(FaultKind::CanceledByProvider) => JobFate::CanceledByProvider,
            _ => JobFate::Succeed,
        }
    }

    fn take(&self, pred: impl Fn(&Fault) -> bool) -> Option<FaultKind> {
        let mut pending = self.lock();
        let idx = pending.iter().position(pred)?;
        let fault = &mut pending[idx];
        let kind = fault.kind.clone();
        fault.times -= 1;
        if fault.times == 0 {
            pending.remove(idx);
        }
        tracing::info!(?kind, "injecting fault");
        Some(kind)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Fault>> {
        crate::state::lock(&self.pending)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fault_json_shape_matches_the_control_api() {
        let json = r#"{"route":"fal","op":"submit","kind":{"kind":"rate_limit","retry_after_s":2}}"#;
        let fault: Fault = serde_json::from_str(json).unwrap();
        assert_eq!(fault.times, 1);
        assert_eq!(fault.kind, FaultKind::RateLimit { retry_after_s: 2 });
    }

    #[test]
    fn faults_are_consumed_in_order_and_filtered() {
        let q = FaultQueue::default();
        q.push(Fault {
            endpoint_contains: Some("o3".into()),
            times: 2,
            ..Fault::once("fal", FaultOp::Status, FaultKind::Malformed)
        });
        q.push(Fault::once("fal", FaultOp::Submit, FaultKind::ContentPolicy));
        assert_eq!(q.take_request("fal", FaultOp::Status, "fal-ai/kling-video/v3"), None);
        assert_eq!(q.take_fate("openai", "sora-2"), JobFate::Succeed);
        assert_eq!(q.take_fate("fal", "x"), JobFate::ContentPolicy);
        let o3 = "fal-ai/kling-video/o3/pro/text-to-video";
        assert!(q.take_request("fal", FaultOp::Status, o3).is_some());
        assert!(q.take_request("fal", FaultOp::Status, o3).is_some());
        assert!(q.take_request("fal", FaultOp::Status, o3).is_none());
    }
}

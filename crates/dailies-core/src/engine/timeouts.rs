//! How long Dailies waits on the network, in one place. A provider that stops answering
//! must cost a clip a bounded wait, never a hang: the job deadline is only checked between
//! polls, so each call needs its own limit.

use std::future::Future;
use std::time::Duration;

use crate::catalog::RouteId;
use crate::providers::{same_host_redirects, ProviderError};

/// Network limits. Every field is configurable through [`super::PollPolicy::timeouts`].
#[derive(Clone, Debug)]
pub struct Timeouts {
    /// Establishing a connection.
    pub connect: Duration,
    /// Silence on an open connection (no byte arrived): the only limit a download has,
    /// since a large file may take long but must keep moving. A fal stream sends a ping
    /// every 15 s, so this must stay above that.
    pub read: Duration,
    /// A whole submit, image uploads included, and the other one-shot calls: the output's
    /// location and cancel.
    pub request: Duration,
    /// One status poll, or opening a status stream.
    pub status: Duration,
    /// The longest a status stream is followed before the engine switches to polling:
    /// keep-alive pings would otherwise keep a stream without news open forever.
    pub stream: Duration,
}

impl Default for Timeouts {
    fn default() -> Self {
        Timeouts {
            connect: Duration::from_secs(10),
            read: Duration::from_secs(30),
            request: Duration::from_secs(60),
            status: Duration::from_secs(30),
            stream: Duration::from_secs(10 * 60),
        }
    }
}

impl Timeouts {
    /// The one HTTP client every route shares; per-call limits are applied by [`within`].
    pub(super) fn client(&self) -> reqwest::Result<reqwest::Client> {
        reqwest::Client::builder()
            .connect_timeout(self.connect)
            .read_timeout(self.read)
            .redirect(same_host_redirects())
            .user_agent(concat!("dailies/", env!("CARGO_PKG_VERSION")))
            .build()
    }
}

/// Runs one provider call with a limit. A call that ran out of time may have reached the
/// provider, so it counts as `sent` (a submit is then not resent).
pub(super) async fn within<T>(
    limit: Duration,
    route: RouteId,
    what: &str,
    call: impl Future<Output = Result<T, ProviderError>>,
) -> Result<T, ProviderError> {
    tokio::time::timeout(limit, call).await.unwrap_or_else(|_| {
        let detail = format!("no answer to the {what} within {}", seconds(limit));
        Err(ProviderError::Network { route, detail, sent: true })
    })
}

fn seconds(d: Duration) -> String {
    if d < Duration::from_secs(1) {
        format!("{} ms", d.as_millis())
    } else {
        format!("{} s", d.as_secs())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_call_that_never_answers_ends_as_a_sent_network_error() {
        let never = std::future::pending::<Result<(), ProviderError>>();
        let err = within(Duration::from_millis(20), RouteId::Fal, "status request", never).await.unwrap_err();
        assert_eq!(err.code(), "network");
        assert!(!err.submit_not_accepted(), "a timed-out submit may have been received");
        assert!(err.to_string().contains("no answer to the status request within 20 ms"), "{err}");
    }
}

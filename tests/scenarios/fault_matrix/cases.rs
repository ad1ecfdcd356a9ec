//! The two axes of the fault matrix: the nine routes (one cheap text-to-video model each)
//! and the faults every one of them is put through.

use dailies_sim::{Fault, FaultKind, FaultOp};

/// One route under test.
pub struct Route {
    pub id: &'static str,
    pub model: &'static str,
    /// The emulator's request counter for this route's video download; a resumed download
    /// is counted under `<key>.range`.
    pub content_key: &'static str,
}

pub const ROUTES: [Route; 9] = [
    Route { id: "fal", model: "kling-3.0-pro@fal", content_key: "cdn.get" },
    Route { id: "openai", model: "sora-2@openai", content_key: "openai.content" },
    Route { id: "replicate", model: "kling-3.0-standard@replicate", content_key: "replicate.content" },
    Route { id: "kling", model: "kling-3.0-standard@kling", content_key: "kling.content" },
    Route { id: "google", model: "veo-3.1-fast@google", content_key: "google.content" },
    Route { id: "runway", model: "runway-gen-4.5@runway", content_key: "runway.content" },
    Route { id: "luma", model: "luma-ray-flash-2@luma", content_key: "luma.content" },
    Route { id: "minimax", model: "hailuo-02-standard@minimax", content_key: "minimax.content" },
    Route { id: "seedance", model: "seedance-2.0-fast@seedance", content_key: "seedance.content" },
];

/// How a clip must end under a fault.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expect {
    /// The engine rides the fault out (retries, resumes) and delivers the clip.
    Succeeds,
    /// The fault is final: the clip fails (or is canceled) with a message.
    Ends,
    /// The provider may have accepted the submit but its answer was lost: the clip says
    /// so (`unknown`) and is never sent again.
    Unknown,
    /// An expired output link: delivered where a fresh read of the job hands out a fresh
    /// link (Runway, MiniMax, per their docs), a clear "expired" failure elsewhere.
    DeliveredWhereLinksRefresh,
}

impl Expect {
    /// What this expectation means for one route.
    pub fn on(self, route: &str) -> Expect {
        match self {
            Expect::DeliveredWhereLinksRefresh if matches!(route, "runway" | "minimax") => Expect::Succeeds,
            Expect::DeliveredWhereLinksRefresh => Expect::Ends,
            other => other,
        }
    }
}

/// What a case does to the route besides its faults.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Setup {
    /// Faults injected into the emulator; the engine has the right key.
    Faults,
    /// The engine holds a key the provider does not know: every call is a 401.
    WrongKey,
}

pub struct Case {
    pub name: &'static str,
    pub setup: Setup,
    pub expect: Expect,
    /// The download must be resumed with Range and be byte-identical to a clean one.
    pub checks_resume: bool,
    faults: fn(&str) -> Vec<Fault>,
}

impl Case {
    pub fn faults(&self, route: &str) -> Vec<Fault> {
        (self.faults)(route)
    }
}

fn retry_after(route: &str, value: &str) -> Vec<Fault> {
    vec![Fault::once(route, FaultOp::Submit, FaultKind::RateLimitHeader { retry_after: value.into() })]
}

fn server_error(route: &str, status: u16) -> Vec<Fault> {
    vec![Fault::once(route, FaultOp::Status, FaultKind::ServerError { status })]
}

const fn case(name: &'static str, expect: Expect, faults: fn(&str) -> Vec<Fault>) -> Case {
    Case { name, setup: Setup::Faults, expect, checks_resume: false, faults }
}

pub const CASES: [Case; 18] = [
    case("no_fault", Expect::Succeeds, |_| vec![]),
    case("rate_limit_seconds", Expect::Succeeds, |r| retry_after(r, "1")),
    // Long past: retry at once (a future date would only slow the suite down).
    case("rate_limit_http_date", Expect::Succeeds, |r| retry_after(r, "Wed, 21 Oct 2015 07:28:00 GMT")),
    case("rate_limit_inf", Expect::Succeeds, |r| retry_after(r, "inf")),
    case("rate_limit_garbage", Expect::Succeeds, |r| retry_after(r, "soon-ish, maybe")),
    case("status_500", Expect::Succeeds, |r| server_error(r, 500)),
    case("status_502", Expect::Succeeds, |r| server_error(r, 502)),
    case("status_503", Expect::Succeeds, |r| server_error(r, 503)),
    // fal: a stream of pings only, then a stalled poll; elsewhere two stalled polls.
    case("status_stalled", Expect::Succeeds, |r| {
        vec![Fault { times: 2, ..Fault::once(r, FaultOp::Status, FaultKind::Stall) }]
    }),
    case("malformed_json", Expect::Succeeds, |r| vec![Fault::once(r, FaultOp::Status, FaultKind::Malformed)]),
    case("status_connection_reset", Expect::Succeeds, |r| {
        vec![Fault::once(r, FaultOp::Status, FaultKind::ConnectionReset)]
    }),
    case("submit_connection_reset", Expect::Unknown, |r| {
        vec![Fault::once(r, FaultOp::Submit, FaultKind::ConnectionReset)]
    }),
    case("output_link_expired", Expect::DeliveredWhereLinksRefresh, |r| {
        vec![Fault::once(r, FaultOp::Content, FaultKind::ExpiredOutput)]
    }),
    Case {
        checks_resume: true,
        ..case("download_cut_half_way", Expect::Succeeds, |r| {
            vec![Fault::once(r, FaultOp::Content, FaultKind::CutDownload)]
        })
    },
    case("content_policy", Expect::Ends, |r| vec![Fault::once(r, FaultOp::Submit, FaultKind::ContentPolicy)]),
    case("insufficient_balance", Expect::Ends, |r| {
        vec![Fault::once(r, FaultOp::Submit, FaultKind::InsufficientBalance)]
    }),
    case("provider_cancel", Expect::Ends, |r| vec![Fault::once(r, FaultOp::Submit, FaultKind::CanceledByProvider)]),
    // No fault: the engine holds a key the emulator rejects.
    Case { setup: Setup::WrongKey, ..case("unauthorized_401", Expect::Ends, |_| vec![]) },
];

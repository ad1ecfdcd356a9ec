//! When to ask a route for a job's status next, guided by the job's ETA: sparse while the
//! job cannot be done yet, dense around its expected end, backing off again once it is
//! overdue. Pure, so the schedule is tested without waiting.
//!
//! Why: a fixed ×1.5 backoff to 10 s noticed a 47 s job 6–10 s late (issue 10). Knowing
//! when a job usually ends lets the same number of requests land where the end is.

use std::time::Duration;

/// The expected end of a job, measured from its submit (p50 and p90 of submit → done).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExpectedEnd {
    pub p50: Duration,
    pub p90: Duration,
}

/// The bounds every schedule keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PollBounds {
    /// The longest gap, early or overdue.
    pub max: Duration,
    /// The route's rate limit: the shortest gap between two status requests of one job.
    pub route_min: Duration,
}

/// The gap between polls inside the window around the expected end: an eighth of the
/// p50–p90 spread, 1–5 s, so a wide spread does not cost dozens of requests.
fn dense_gap(e: ExpectedEnd) -> Duration {
    (e.p90.saturating_sub(e.p50) / 8).clamp(Duration::from_secs(1), Duration::from_secs(5))
}

/// The window polled densely: from a little before p50 to a little after p90. The margin
/// (two dense gaps, at least 5 % of p50) covers history that is itself a little off.
pub fn dense_window(e: ExpectedEnd) -> (Duration, Duration) {
    let margin = (dense_gap(e) * 2).max(e.p50 / 20);
    (e.p50.saturating_sub(margin), e.p90 + margin)
}

/// The delay before the next status request.
///
/// - `elapsed`: time since the job was submitted (not since this process began following
///   it: a resumed job keeps its schedule).
/// - `last`: the previous delay (the policy's initial one before the first).
/// - `hint`: the route's own "poll after" from its last answer (`openai-poll-after-ms`),
///   never undercut.
///
/// Without an ETA this is the old backoff (×1.5 up to `max`). With one: doubling while
/// the job cannot be done yet, trimmed to land on the window's start; the dense gap inside
/// the window; ×1.5 again once past it. Never below the route's limit or the hint.
pub fn next_poll_delay(
    elapsed: Duration,
    expected: Option<ExpectedEnd>,
    last: Duration,
    hint: Option<Duration>,
    bounds: PollBounds,
) -> Duration {
    let floor = bounds.route_min.max(hint.unwrap_or_default());
    let delay = match expected {
        None => last.mul_f64(1.5).min(bounds.max),
        Some(e) => {
            let (start, end) = dense_window(e);
            if elapsed < start {
                (last * 2).min(bounds.max).min(start - elapsed)
            } else if elapsed < end {
                dense_gap(e)
            } else {
                last.mul_f64(1.5).max(dense_gap(e)).min(bounds.max)
            }
        }
    };
    delay.max(floor)
}

#[cfg(test)]
mod tests {
    use super::*;

    const S: Duration = Duration::from_secs(1);

    fn bounds() -> PollBounds {
        PollBounds { max: Duration::from_secs(10), route_min: S }
    }

    fn eta(p50: f64, p90: f64) -> Option<ExpectedEnd> {
        Some(ExpectedEnd { p50: Duration::from_secs_f64(p50), p90: Duration::from_secs_f64(p90) })
    }

    /// Polls a job that really ends at `end` (first poll at submit, as the engine does):
    /// (requests made, how late the end was noticed).
    fn follow(end: Duration, expected: Option<ExpectedEnd>, hint: Option<Duration>) -> (u32, Duration) {
        follow_with(end, |t, last| next_poll_delay(t, expected, last, hint, bounds()))
    }

    fn follow_with(end: Duration, next: impl Fn(Duration, Duration) -> Duration) -> (u32, Duration) {
        let (mut t, mut last, mut polls) = (Duration::ZERO, Duration::from_millis(500), 0);
        loop {
            polls += 1;
            if t >= end {
                return (polls, t - end);
            }
            last = next(t, last);
            t += last;
        }
    }

    #[test]
    fn a_47_s_job_with_its_eta_is_noticed_within_a_second_in_fewer_requests_than_backoff() {
        let end = Duration::from_secs(47);
        // Before issue 10: ×1.5 from 0.5 s to a 10 s cap, whatever the job.
        let (backoff_polls, backoff_late) = follow_with(end, |_, last| last.mul_f64(1.5).min(10 * S));
        let (polls, late) = follow(end, eta(47.0, 47.0), None);
        assert!(late <= S, "noticed {late:?} late");
        assert!(polls <= backoff_polls, "{polls} requests with the ETA, {backoff_polls} without");
        assert!(backoff_late > 3 * S, "the old backoff was {backoff_late:?} late");
    }

    #[test]
    fn history_a_few_seconds_off_still_lands_within_the_dense_gap() {
        for (p50, p90) in [(44.0, 44.0), (50.0, 50.0), (40.0, 55.0)] {
            let (polls, late) = follow(Duration::from_secs(47), eta(p50, p90), None);
            assert!(late <= 2 * S, "eta {p50}/{p90}: {late:?} late");
            assert!(polls <= 16, "eta {p50}/{p90}: {polls} requests");
        }
    }

    #[test]
    fn early_polls_are_sparse_and_never_overshoot_the_window() {
        let e = eta(60.0, 70.0);
        let (start, _) = dense_window(e.unwrap());
        let d = next_poll_delay(Duration::from_secs(20), e, Duration::from_secs(8), None, bounds());
        assert_eq!(d, Duration::from_secs(10));
        let d = next_poll_delay(start - 3 * S, e, Duration::from_secs(8), None, bounds());
        assert_eq!(d, 3 * S, "lands on the window's start");
    }

    #[test]
    fn an_overdue_job_backs_off_to_the_cap() {
        let e = eta(30.0, 40.0);
        let mut last = S;
        for _ in 0..20 {
            last = next_poll_delay(Duration::from_secs(300), e, last, None, bounds());
        }
        assert_eq!(last, Duration::from_secs(10));
    }

    #[test]
    fn the_route_limit_and_the_providers_hint_are_never_undercut() {
        let e = eta(10.0, 10.0);
        let tight = PollBounds { max: Duration::from_secs(10), route_min: Duration::from_secs(2) };
        assert_eq!(next_poll_delay(Duration::from_secs(10), e, S, None, tight), Duration::from_secs(2));
        let hint = Some(Duration::from_secs(3));
        assert_eq!(next_poll_delay(Duration::from_secs(10), e, S, hint, bounds()), Duration::from_secs(3));
        // A hint above the cap (a provider asking for patience) is honoured too.
        let slow = Some(Duration::from_secs(30));
        assert_eq!(next_poll_delay(Duration::ZERO, None, S, slow, bounds()), Duration::from_secs(30));
    }

    #[test]
    fn without_an_eta_it_is_the_old_backoff() {
        assert_eq!(next_poll_delay(Duration::ZERO, None, Duration::from_secs(2), None, bounds()), 3 * S);
        assert_eq!(next_poll_delay(Duration::ZERO, None, Duration::from_secs(9), None, bounds()), 10 * S);
    }
}

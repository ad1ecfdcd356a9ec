//! A library query, validated once: every filter checked (a bad value is an input error
//! naming its field and the allowed values), words turned into an FTS5 expression, dates
//! into millisecond bounds, the cursor decoded.

use super::fts_query::match_expression;
use crate::api::{ClipStatus, LibraryQuery};
use crate::catalog::RouteId;
use crate::error::{InputError, Result};

const DEFAULT_LIMIT: u32 = 200;
/// A page larger than this is never needed by a screen or a script page; it only costs.
const MAX_LIMIT: u32 = 1000;
const DAY_MS: i64 = 86_400_000;

/// Where the previous page ended: runs page by `(prompt id, run id)`, clips by
/// `(created_at_ms, clip id)`, both descending.
#[derive(Debug, Clone, PartialEq)]
pub struct Cursor {
    pub key: i64,
    pub id: String,
}

impl Cursor {
    pub fn encode(&self) -> String {
        format!("{}:{}", self.key, self.id)
    }

    fn decode(s: &str) -> Option<Cursor> {
        let (key, id) = s.split_once(':')?;
        Some(Cursor { key: key.parse().ok()?, id: id.to_string() }).filter(|c| !c.id.is_empty())
    }
}

#[derive(Debug, Default)]
pub struct SearchFilter {
    pub fts: Option<String>,
    pub model: Option<(String, Option<String>)>,
    pub route: Option<String>,
    pub status: Option<String>,
    pub min_rating: Option<i64>,
    pub tag: Option<String>,
    pub board: Option<String>,
    /// Inclusive lower and exclusive upper creation bound, Unix ms.
    pub since_ms: Option<i64>,
    pub until_ms: Option<i64>,
    pub max_cost_usd: Option<f64>,
    pub cursor: Option<Cursor>,
    pub limit: u32,
}

impl SearchFilter {
    pub fn parse(q: &LibraryQuery) -> Result<SearchFilter> {
        let since_ms = q.since.as_deref().map(|d| day_start_ms("since", d)).transpose()?;
        let until_ms = q.until.as_deref().map(|d| day_start_ms("until", d).map(|ms| ms + DAY_MS)).transpose()?;
        if let (Some(since), Some(until)) = (since_ms, until_ms) {
            if until <= since {
                return Err(invalid("until", q.until.as_deref().unwrap_or_default(), &["a day on or after --since"]));
            }
        }
        Ok(SearchFilter {
            fts: q.text.as_deref().and_then(match_expression),
            model: present(&q.model).map(|m| match m.split_once('@') {
                Some((id, route)) => (id.to_string(), Some(route.to_string())),
                None => (m, None),
            }),
            route: present(&q.route).map(|r| parse_route(&r)).transpose()?,
            status: present(&q.status).map(|s| parse_status(&s)).transpose()?,
            min_rating: q.min_rating.map(parse_stars).transpose()?,
            tag: present(&q.tag).map(|t| t.to_lowercase()),
            board: present(&q.board),
            since_ms,
            until_ms,
            max_cost_usd: q.max_cost_usd.map(parse_cost).transpose()?,
            cursor: present(&q.cursor)
                .map(|c| Cursor::decode(&c).ok_or_else(|| invalid("cursor", &c, &["the next_cursor of a page"])))
                .transpose()?,
            limit: q.limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT),
        })
    }

    /// Whether any filter is about the clips rather than the run.
    pub fn has_clip_filter(&self) -> bool {
        self.model.is_some()
            || self.route.is_some()
            || self.status.is_some()
            || self.min_rating.is_some()
            || self.tag.is_some()
            || self.board.is_some()
    }
}

fn present(value: &Option<String>) -> Option<String> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty()).map(str::to_string)
}

fn invalid(field: &str, value: &str, allowed: &[&str]) -> crate::error::Error {
    InputError::InvalidValue {
        field: field.into(),
        value: value.into(),
        allowed: allowed.iter().map(|s| s.to_string()).collect(),
    }
    .into()
}

fn parse_route(route: &str) -> Result<String> {
    RouteId::parse(route).map(|r| r.as_str().to_string()).ok_or_else(|| {
        let allowed: Vec<&str> = RouteId::ALL.iter().map(|r| r.as_str()).collect();
        invalid("route", route, &allowed)
    })
}

fn parse_status(status: &str) -> Result<String> {
    use ClipStatus::*;
    let all = [Pending, Submitting, Queued, Generating, Downloading, Succeeded, Failed, Canceled, Unknown];
    ClipStatus::parse(status).map(|s| s.as_str().to_string()).ok_or_else(|| {
        let allowed: Vec<&str> = all.iter().map(|s| s.as_str()).collect();
        invalid("status", status, &allowed)
    })
}

fn parse_stars(stars: u8) -> Result<i64> {
    if (1..=5).contains(&stars) {
        Ok(i64::from(stars))
    } else {
        Err(invalid("min-rating", &stars.to_string(), &["1", "2", "3", "4", "5"]))
    }
}

fn parse_cost(usd: f64) -> Result<f64> {
    if usd.is_finite() && usd >= 0.0 {
        Ok(usd)
    } else {
        Err(invalid("max-cost", &usd.to_string(), &["a number of US dollars, 0 or more"]))
    }
}

/// Midnight UTC of a `YYYY-MM-DD` day, in Unix ms; anything else (or a day the month does
/// not have) is an input error naming `field`.
pub fn day_start_ms(field: &str, day: &str) -> Result<i64> {
    let bad = || invalid(field, day, &["a date as YYYY-MM-DD, e.g. 2026-12-07"]);
    let parts: Vec<&str> = day.trim().split('-').collect();
    let [y, m, d] = parts.as_slice() else { return Err(bad()) };
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    if !(digits(y, 4) && digits(m, 2) && digits(d, 2)) {
        return Err(bad());
    }
    let (y, m, d): (i64, i64, i64) =
        (y.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?, d.parse().map_err(|_| bad())?);
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let month_days = [31, if leap { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    if !(1..=12).contains(&m) || d < 1 || d > month_days[(m - 1) as usize] {
        return Err(bad());
    }
    Ok(days_from_civil(y, m, d) * DAY_MS)
}

// Howard Hinnant's civil-to-days, the inverse of the store's `civil_from_days`.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::rfc3339;

    #[test]
    fn days_are_validated_and_land_on_utc_midnight() {
        assert_eq!(rfc3339(day_start_ms("since", "2026-12-07").unwrap()), "2026-12-07T00:00:00.000Z");
        assert_eq!(rfc3339(day_start_ms("since", "2024-02-29").unwrap()), "2024-02-29T00:00:00.000Z");
        for bad in ["2025-02-29", "2026-13-01", "2026-1-01", "yesterday", "2026-12-07T00", ""] {
            let e = day_start_ms("until", bad).unwrap_err();
            assert_eq!(e.field(), Some("until"), "{bad}");
            assert!(e.to_string().contains("YYYY-MM-DD"), "{e}");
        }
    }

    #[test]
    fn bad_filters_name_their_field_and_the_allowed_values() {
        let q = |f: fn(&mut LibraryQuery)| {
            let mut q = LibraryQuery::default();
            f(&mut q);
            SearchFilter::parse(&q).unwrap_err()
        };
        let e = q(|q| q.route = Some("nope".into()));
        assert_eq!(e.field(), Some("route"));
        assert!(e.to_string().contains("fal") && e.to_string().contains("openai"), "{e}");
        let e = q(|q| q.status = Some("done".into()));
        assert_eq!(e.field(), Some("status"));
        assert!(e.to_string().contains("succeeded"), "{e}");
        assert_eq!(q(|q| q.max_cost_usd = Some(-1.0)).field(), Some("max-cost"));
        assert_eq!(q(|q| q.cursor = Some("garbage".into())).field(), Some("cursor"));
        assert_eq!(q(|q| q.min_rating = Some(6)).field(), Some("min-rating"));
        let e = q(|q| (q.since, q.until) = (Some("2026-12-08".into()), Some("2026-12-07".into())));
        assert_eq!(e.field(), Some("until"));
    }

    #[test]
    fn a_cursor_round_trips() {
        let c = Cursor { key: 42, id: "run:with:colons".into() };
        assert_eq!(Cursor::decode(&c.encode()), Some(c));
    }
}

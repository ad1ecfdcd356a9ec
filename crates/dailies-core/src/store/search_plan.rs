//! How a filtered library page is read. Newest-first pages normally come from the order
//! index and each candidate is checked against the clip filters: fast while matches are
//! dense, a scan of the whole library when they are rare (53 ms at 100k clips for
//! `openai` + `failed`). So a filter on indexed clip columns (route, status, model) first
//! counts its candidates through their index, stopping at `SELECTIVE_BELOW`; below that the
//! page is built from the matching clips instead (at most that many index entries, then a
//! sort), above it matches are dense enough for the ordered scan to fill a page quickly.
//! The run list also weighs the page it asks for (`runs_from_matching_clips`): a short page
//! of a large library fills sooner by walking, even when the matches number in thousands.

use sqlx::{QueryBuilder, Sqlite};

use super::search_filter::SearchFilter;
use super::Store;
use crate::error::Result;

/// Candidates below which a filter is read from the matching clips, not the order index.
const SELECTIVE_BELOW: i64 = 5_000;

#[cfg(test)]
thread_local! {
    /// Lets a test run the same queries down both paths on a small library.
    pub(super) static SELECTIVE_BELOW_IN_TEST: std::cell::Cell<Option<i64>> = const { std::cell::Cell::new(None) };
}

fn selective_below() -> i64 {
    #[cfg(test)]
    if let Some(n) = SELECTIVE_BELOW_IN_TEST.with(std::cell::Cell::get) {
        return n;
    }
    SELECTIVE_BELOW
}

impl Store {
    /// Whether the clip filters on indexed columns match fewer than `SELECTIVE_BELOW` live
    /// clips (an upper bound on what all the filters match). Costs at most that many index
    /// entries; filters on nothing indexed (stars, tag, board alone) are never selective.
    pub(super) async fn clip_filter_is_selective(&self, f: &SearchFilter) -> Result<bool> {
        Ok(self.clip_filter_candidates(f).await?.is_some_and(|n| n < selective_below()))
    }

    /// Whether a page of runs is cheaper built from the clips the filter matches than by
    /// walking the runs newest first: see `runs_from_matching_clips`.
    pub(super) async fn run_filter_reads_matches(&self, f: &SearchFilter) -> Result<bool> {
        let Some(candidates) = self.clip_filter_candidates(f).await? else { return Ok(false) };
        if candidates >= selective_below() {
            return Ok(false);
        }
        // The highest rowid bounds the runs ever written: an estimate in one index step.
        let runs: i64 = sqlx::query_scalar("SELECT coalesce(max(rowid), 0) FROM runs").fetch_one(self.pool()).await?;
        Ok(runs_from_matching_clips(candidates, i64::from(f.limit) + 1, runs))
    }

    /// How many live clips the indexed filters match, counted up to `SELECTIVE_BELOW`;
    /// `None` when no indexed column is filtered.
    async fn clip_filter_candidates(&self, f: &SearchFilter) -> Result<Option<i64>> {
        if f.model.is_none() && f.route.is_none() && f.status.is_none() {
            return Ok(None);
        }
        let mut sql: QueryBuilder<Sqlite> =
            QueryBuilder::new("SELECT count(*) FROM (SELECT 1 FROM clips c WHERE c.deleted_at_ms IS NULL");
        push_indexed_filters(&mut sql, f, Reading::ByFilterIndex);
        sql.push(" LIMIT ").push_bind(selective_below()).push(")");
        Ok(Some(sql.build_query_scalar().fetch_one(self.pool()).await?))
    }
}

/// The run list's choice between its two readings of a filter, by their costs. Built from
/// the matches, a page costs every candidate (collected, their runs looked up, sorted:
/// ≈ 5 µs each at 100k clips). Walking the runs newest first and probing each one's clips
/// costs ≈ 2 µs a run, and with `candidates` matches spread over `runs` it reads about
/// `page × runs / candidates` runs to fill a page. Measured in the sqlite3 shell at 100k
/// clips, 1 667 matching (`openai` + `failed`): a page of 18 runs took 9–74 ms from the
/// matches and 1 ms walking; a page of 201, 7–29 ms against 10–20 ms. Walking wins when
/// `page × runs × 2 < candidates² × 5`.
pub(super) fn runs_from_matching_clips(candidates: i64, page: i64, runs: i64) -> bool {
    page.saturating_mul(runs).saturating_mul(2) >= candidates.saturating_mul(candidates).saturating_mul(5)
}

/// Which index the clip filters may be read through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Reading {
    /// Through an index on the filtered columns (a selective filter).
    ByFilterIndex,
    /// Through the run or newest-first index only: the filtered columns get a unary `+`,
    /// which keeps SQLite (without statistics it guesses an equality is selective) from
    /// reading a dense filter through its index and sorting it all. At 2 000 runs the
    /// status index made a dense filter 100× slower.
    ByOrderIndex,
}

/// Every clip-level filter, on a clip aliased `c`.
pub(super) fn push_clip_filters(sql: &mut QueryBuilder<'_, Sqlite>, f: &SearchFilter, reading: Reading) {
    push_indexed_filters(sql, f, reading);
    let plus = if reading == Reading::ByOrderIndex { "+" } else { "" };
    if let Some(stars) = f.min_rating {
        sql.push(format!(" AND {plus}c.rating >= ")).push_bind(stars);
    }
    if let Some(tag) = &f.tag {
        sql.push(" AND EXISTS (SELECT 1 FROM clip_tags t WHERE t.clip_id = c.id AND t.tag = ").push_bind(tag.clone());
        sql.push(")");
    }
    if let Some(board) = &f.board {
        sql.push(
            " AND EXISTS (SELECT 1 FROM board_clips bc JOIN boards b ON b.id = bc.board_id \
             WHERE bc.clip_id = c.id AND (b.name = ",
        )
        .push_bind(board.clone())
        .push(" OR CAST(b.id AS TEXT) = ")
        .push_bind(board.clone())
        .push("))");
    }
}

/// The filters on columns with an index: model (and its route), route, status.
fn push_indexed_filters(sql: &mut QueryBuilder<'_, Sqlite>, f: &SearchFilter, reading: Reading) {
    let plus = if reading == Reading::ByOrderIndex { "+" } else { "" };
    let model_route = f.model.as_ref().and_then(|(_, route)| route.clone());
    // Both kept when both are given: `--model x@fal --route openai` rightly matches nothing.
    for route in model_route.into_iter().chain(f.route.clone()) {
        sql.push(format!(" AND {plus}c.route = ")).push_bind(route);
    }
    if let Some(status) = &f.status {
        sql.push(format!(" AND {plus}c.status = ")).push_bind(status.clone());
    }
    if let Some((id, _)) = &f.model {
        sql.push(format!(" AND {plus}c.model = ")).push_bind(id.clone());
    }
}

#[cfg(test)]
mod tests {
    use super::runs_from_matching_clips;

    #[test]
    fn a_short_page_of_a_large_library_walks_the_runs() {
        // 100k clips, 1 667 of them `openai` + `failed` (the bench's library).
        assert!(!runs_from_matching_clips(1_667, 18, 50_002));
        assert!(runs_from_matching_clips(1_667, 201, 50_002));
    }

    #[test]
    fn few_matches_are_read_from_the_matches() {
        assert!(runs_from_matching_clips(17, 18, 500));
        assert!(runs_from_matching_clips(0, 18, 50_002));
        assert!(runs_from_matching_clips(3, 201, i64::MAX));
    }
}

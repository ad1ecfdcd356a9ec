//! Searching the library: runs (the history list) and clips (the clip grid), a page at a
//! time. Validation and the queries live in the store (`store/search*.rs`).

use super::Studio;
use crate::api::{ClipPage, LibraryQuery, RunPage, RunSummary};
use crate::error::Result;

impl Studio {
    /// The first page of runs matching the query, newest first.
    pub async fn search_runs(&self, query: &LibraryQuery) -> Result<Vec<RunSummary>> {
        self.store().search_runs(query).await
    }

    /// A page of runs; pass its `next_cursor` back as `query.cursor` for the next one.
    pub async fn search_run_page(&self, query: &LibraryQuery) -> Result<RunPage> {
        self.store().search_run_page(query).await
    }

    /// A page of clips for the clip grid, newest first, with the same filters.
    pub async fn search_clips(&self, query: &LibraryQuery) -> Result<ClipPage> {
        self.store().search_clip_page(query).await
    }
}

//! When a clip that is not finished yet should be: from this library's own history of
//! its model@route, or the catalog's usual time when there is none.

use serde::{Deserialize, Serialize};
use specta::Type;

/// Where an [`Eta`]'s figures come from, so the UI can say "from catalog".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "lowercase")]
pub enum EtaSource {
    /// Delivered clips of the same model@route in this library.
    History,
    /// The catalog's `[[typical]]` time for the route (or model), before any history.
    Catalog,
}

/// Expected durations (p50 and p90, milliseconds) and, once the clip was sent, the
/// expected end as unix milliseconds. Queue and generation percentiles are each their own
/// (their sum is not the total's percentile); the end comes from the total.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct Eta {
    pub source: EtaSource,
    /// Delivered clips the history was made from (0 for the catalog).
    pub samples: u32,
    pub queue_p50_ms: u32,
    pub queue_p90_ms: u32,
    pub generate_p50_ms: u32,
    pub generate_p90_ms: u32,
    /// Submit → provider says done.
    pub total_p50_ms: u32,
    pub total_p90_ms: u32,
    /// `submitted_at_ms + total_p50_ms`; `None` while the clip waits to be sent.
    pub end_p50_ms: Option<i64>,
    pub end_p90_ms: Option<i64>,
}

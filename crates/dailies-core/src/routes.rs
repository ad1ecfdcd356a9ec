//! The access routes and the one table of per-route facts: names, key variables, default
//! base URL and whether the route can stop a job. A leaf: it depends on nothing else in the
//! crate, so `catalog`, `providers`, `secrets` and `error` can all name a route without
//! importing each other.
//!
//! Adding a route = one variant here and its [`RouteSpec`] arm (the compiler refuses a
//! missing arm, and [`RouteId::ALL`] is derived from the enum), its adapter file plus the
//! arm in `providers::adapter`, and its catalog data.

use serde::{Deserialize, Serialize};
use specta::Type;
use strum::VariantArray;

/// The access route a model is reached through. One adapter file per route.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Type, VariantArray)]
#[serde(rename_all = "lowercase")]
pub enum RouteId {
    Fal,
    Openai,
    Replicate,
    Kling,
    Google,
    Runway,
    Luma,
    Minimax,
    Seedance,
}

/// Whether a route can stop a job it has accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CancelSupport {
    /// The route has a cancel call (some only honour it while the job is queued).
    Supported,
    /// No cancel exists; the sentence says what happens instead.
    Unsupported(&'static str),
}

/// Everything Dailies knows about a route that is not catalog data (models, prices).
#[derive(Debug)]
pub struct RouteSpec {
    /// The id used in the catalog, the CLI (`model@route`) and the library.
    pub slug: &'static str,
    /// The name a creator recognises in messages ("fal: insufficient balance").
    pub display_name: &'static str,
    /// The official SDK variable(s) holding the key; two-part keys are joined with ':'.
    pub key_env_vars: &'static [&'static str],
    /// The base URL the official SDK uses.
    pub default_base_url: &'static str,
    pub cancel: CancelSupport,
    /// Jobs Dailies keeps in flight on this route at once unless `concurrency.<route>` says
    /// otherwise: the provider's lowest documented account limit (fact sheets), so a new
    /// account is never throttled or refused for sending a whole run at once.
    pub default_concurrency: u32,
    /// The shortest gap between two status requests for one job (milliseconds), however
    /// close its ETA: the route's own clients' poll rate or published limit where one is
    /// known, else 1 s, so dense polling around an ETA stays polite.
    pub min_poll_interval_ms: u64,
}

impl RouteId {
    /// Every route, in catalog preference order (derived from the enum: nothing to keep in step).
    pub const ALL: &'static [RouteId] = <RouteId as VariantArray>::VARIANTS;

    /// The route's row of the table. A new variant without a row does not compile.
    pub const fn spec(self) -> &'static RouteSpec {
        match self {
            RouteId::Fal => &FAL,
            RouteId::Openai => &OPENAI,
            RouteId::Replicate => &REPLICATE,
            RouteId::Kling => &KLING,
            RouteId::Google => &GOOGLE,
            RouteId::Runway => &RUNWAY,
            RouteId::Luma => &LUMA,
            RouteId::Minimax => &MINIMAX,
            RouteId::Seedance => &SEEDANCE,
        }
    }

    pub fn as_str(self) -> &'static str {
        self.spec().slug
    }

    pub fn display_name(self) -> &'static str {
        self.spec().display_name
    }

    pub fn parse(s: &str) -> Option<RouteId> {
        RouteId::ALL.iter().copied().find(|r| r.as_str() == s)
    }

    pub fn key_env_vars(self) -> &'static [&'static str] {
        self.spec().key_env_vars
    }

    pub fn default_base_url(self) -> &'static str {
        self.spec().default_base_url
    }

    /// `DAILIES_<ROUTE>_BASE_URL`: replaces the default (proxies, gateways, tests).
    pub fn base_url_env_var(self) -> String {
        format!("DAILIES_{}_BASE_URL", self.as_str().to_ascii_uppercase())
    }

    pub fn min_poll_interval(self) -> std::time::Duration {
        std::time::Duration::from_millis(self.spec().min_poll_interval_ms)
    }

    pub fn default_concurrency(self) -> u32 {
        self.spec().default_concurrency
    }

    /// Why the route cannot cancel at all; `None` when it can.
    pub fn cancel_unsupported(self) -> Option<&'static str> {
        match self.spec().cancel {
            CancelSupport::Supported => None,
            CancelSupport::Unsupported(reason) => Some(reason),
        }
    }
}

impl std::fmt::Display for RouteId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

const FAL: RouteSpec = RouteSpec {
    slug: "fal",
    display_name: "fal",
    key_env_vars: &["FAL_KEY"],
    default_base_url: "https://queue.fal.run",
    cancel: CancelSupport::Supported,
    // fal: new accounts start at 2 concurrent IN_PROGRESS requests (docs "Concurrency Limits").
    default_concurrency: 2,
    // fal.md §4: fal-js polls every 500 ms.
    min_poll_interval_ms: 500,
};
const OPENAI: RouteSpec = RouteSpec {
    slug: "openai",
    display_name: "OpenAI",
    key_env_vars: &["OPENAI_API_KEY"],
    default_base_url: "https://api.openai.com/v1",
    cancel: CancelSupport::Unsupported("the Videos API has no cancel; the job runs to the end and may be charged"),
    // OpenAI: per-tier limits, no public figure for video (UNCONFIRMED): a cautious 2.
    default_concurrency: 2,
    // the official SDK waits openai-poll-after-ms, 1 s when absent.
    min_poll_interval_ms: 1000,
};
const REPLICATE: RouteSpec = RouteSpec {
    slug: "replicate",
    display_name: "Replicate",
    key_env_vars: &["REPLICATE_API_TOKEN"],
    default_base_url: "https://api.replicate.com/v1",
    cancel: CancelSupport::Supported,
    // Replicate: no per-account video cap documented; predictions queue (UNCONFIRMED): 4.
    default_concurrency: 4,
    // no published status limit (replicate.md); 1 s.
    min_poll_interval_ms: 1000,
};
const KLING: RouteSpec = RouteSpec {
    slug: "kling",
    display_name: "Kling",
    key_env_vars: &["KLING_ACCESS_KEY", "KLING_SECRET_KEY"],
    default_base_url: "https://api-singapore.klingai.com",
    cancel: CancelSupport::Unsupported(
        "Kling's API has no cancel; the task runs to the end and failed tasks are not charged",
    ),
    // Kling: per-account, per resource pack; the lowest pack allows 1 (over it: 429 code 1303).
    default_concurrency: 1,
    // kling.md §7: polling too fast is refused (1302) without a published rate; 1 s.
    min_poll_interval_ms: 1000,
};
const GOOGLE: RouteSpec = RouteSpec {
    slug: "google",
    display_name: "Google",
    key_env_vars: &["GEMINI_API_KEY"],
    default_base_url: "https://generativelanguage.googleapis.com",
    cancel: CancelSupport::Unsupported(
        "the Gemini API does not cancel Veo operations; the job runs to the end and may be charged",
    ),
    // Gemini API: per-tier request limits, no public concurrency figure (UNCONFIRMED): 2.
    default_concurrency: 2,
    // google-veo.md §5: low per-project request limits (UNCONFIRMED); 1 s.
    min_poll_interval_ms: 1000,
};
const RUNWAY: RouteSpec = RouteSpec {
    slug: "runway",
    display_name: "Runway",
    key_env_vars: &["RUNWAYML_API_SECRET"],
    default_base_url: "https://api.dev.runwayml.com",
    cancel: CancelSupport::Supported,
    // Runway: maxConcurrentGenerations per model by tier (the lowest tier is 1); more become THROTTLED.
    default_concurrency: 1,
    // no published status limit (runway.md; its SDK polls every 6 s); 1 s.
    min_poll_interval_ms: 1000,
};
const LUMA: RouteSpec = RouteSpec {
    slug: "luma",
    display_name: "Luma",
    key_env_vars: &["LUMAAI_API_KEY"],
    default_base_url: "https://api.lumalabs.ai/dream-machine/v1",
    cancel: CancelSupport::Supported,
    // Luma: no public figure (UNCONFIRMED): 2.
    default_concurrency: 2,
    // luma.md: no published limit, poll every few seconds; 1 s.
    min_poll_interval_ms: 1000,
};
const MINIMAX: RouteSpec = RouteSpec {
    slug: "minimax",
    display_name: "MiniMax",
    key_env_vars: &["MINIMAX_API_KEY"],
    default_base_url: "https://api.minimax.io",
    cancel: CancelSupport::Unsupported("the v1 video API has no cancel; the task runs to the end and may be charged"),
    // MiniMax: no public figure for video (UNCONFIRMED): 2.
    default_concurrency: 2,
    // minimax.md §5: rate limits (1002) without a published rate; 1 s.
    min_poll_interval_ms: 1000,
};
const SEEDANCE: RouteSpec = RouteSpec {
    slug: "seedance",
    display_name: "BytePlus Ark",
    key_env_vars: &["ARK_API_KEY"],
    default_base_url: "https://ark.ap-southeast.bytepluses.com/api/v3",
    cancel: CancelSupport::Supported,
    // BytePlus Ark: 3 concurrent for individual accounts on 2.x models (tasks above it queue).
    default_concurrency: 3,
    // seedance.md §1: task lookups share an account QPS of 20; 1 s.
    min_poll_interval_ms: 1000,
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_round_trip_and_are_unique() {
        for &route in RouteId::ALL {
            assert_eq!(RouteId::parse(route.as_str()), Some(route));
            let json = serde_json::to_string(&route).unwrap();
            assert_eq!(json, format!("\"{}\"", route.as_str()), "serde name and slug agree");
        }
        assert_eq!(RouteId::ALL.len(), 9);
        assert_eq!(RouteId::parse("fal-v2"), None, "an unknown route is not mistaken for another");
    }

    #[test]
    fn every_route_has_a_key_variable_and_an_https_default() {
        for &route in RouteId::ALL {
            assert!(!route.key_env_vars().is_empty(), "{route}");
            assert!(route.default_base_url().starts_with("https://"), "{route}");
        }
        assert_eq!(RouteId::Kling.base_url_env_var(), "DAILIES_KLING_BASE_URL");
    }
}

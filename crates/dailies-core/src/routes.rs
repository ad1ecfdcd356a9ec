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
};
const OPENAI: RouteSpec = RouteSpec {
    slug: "openai",
    display_name: "OpenAI",
    key_env_vars: &["OPENAI_API_KEY"],
    default_base_url: "https://api.openai.com/v1",
    cancel: CancelSupport::Unsupported("the Videos API has no cancel; the job runs to the end and may be charged"),
};
const REPLICATE: RouteSpec = RouteSpec {
    slug: "replicate",
    display_name: "Replicate",
    key_env_vars: &["REPLICATE_API_TOKEN"],
    default_base_url: "https://api.replicate.com/v1",
    cancel: CancelSupport::Supported,
};
const KLING: RouteSpec = RouteSpec {
    slug: "kling",
    display_name: "Kling",
    key_env_vars: &["KLING_ACCESS_KEY", "KLING_SECRET_KEY"],
    default_base_url: "https://api-singapore.klingai.com",
    cancel: CancelSupport::Unsupported(
        "Kling's API has no cancel; the task runs to the end and failed tasks are not charged",
    ),
};
const GOOGLE: RouteSpec = RouteSpec {
    slug: "google",
    display_name: "Google",
    key_env_vars: &["GEMINI_API_KEY"],
    default_base_url: "https://generativelanguage.googleapis.com",
    cancel: CancelSupport::Unsupported(
        "the Gemini API does not cancel Veo operations; the job runs to the end and may be charged",
    ),
};
const RUNWAY: RouteSpec = RouteSpec {
    slug: "runway",
    display_name: "Runway",
    key_env_vars: &["RUNWAYML_API_SECRET"],
    default_base_url: "https://api.dev.runwayml.com",
    cancel: CancelSupport::Supported,
};
const LUMA: RouteSpec = RouteSpec {
    slug: "luma",
    display_name: "Luma",
    key_env_vars: &["LUMAAI_API_KEY"],
    default_base_url: "https://api.lumalabs.ai/dream-machine/v1",
    cancel: CancelSupport::Supported,
};
const MINIMAX: RouteSpec = RouteSpec {
    slug: "minimax",
    display_name: "MiniMax",
    key_env_vars: &["MINIMAX_API_KEY"],
    default_base_url: "https://api.minimax.io",
    cancel: CancelSupport::Unsupported("the v1 video API has no cancel; the task runs to the end and may be charged"),
};
const SEEDANCE: RouteSpec = RouteSpec {
    slug: "seedance",
    display_name: "BytePlus Ark",
    key_env_vars: &["ARK_API_KEY"],
    default_base_url: "https://ark.ap-southeast.bytepluses.com/api/v3",
    cancel: CancelSupport::Supported,
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

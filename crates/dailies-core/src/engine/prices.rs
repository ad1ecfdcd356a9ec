//! Creator-edited prices: an overlay file in the data dir that changes what the studio
//! estimates.

use std::path::PathBuf;

use super::Studio;
use crate::catalog::{Catalog, PriceOverride, PriceSpec, RouteId};
use crate::error::{Error, InputError, Result};

/// All price overrides live in one overlay file the catalog loader already reads.
const OVERRIDES_FILE: &str = "catalog.d/90-price-overrides.toml";

#[derive(serde::Serialize, serde::Deserialize, Default)]
struct OverridesFile {
    #[serde(default, rename = "price")]
    prices: Vec<PriceOverride>,
}

impl Studio {
    fn overrides_path(&self) -> PathBuf {
        self.store().data_dir().join(OVERRIDES_FILE)
    }

    fn read_overrides(&self) -> Result<OverridesFile> {
        let path = self.overrides_path();
        match std::fs::read_to_string(&path) {
            Ok(text) => toml::from_str(&text).map_err(|e| Error::Catalog(format!("{}: {e}", path.display()))),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(OverridesFile::default()),
            Err(e) => Err(Error::io(&path, e)),
        }
    }

    fn write_overrides(&self, file: &OverridesFile) -> Result<()> {
        let path = self.overrides_path();
        let text = toml::to_string_pretty(file).map_err(|e| Error::Catalog(e.to_string()))?;
        let dir = path.parent().expect("overrides live in catalog.d");
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        let tmp = path.with_extension("toml.tmp");
        std::fs::write(&tmp, text).map_err(|e| Error::io(&tmp, e))?;
        std::fs::rename(&tmp, &path).map_err(|e| Error::io(&path, e))?;
        // Reload through the normal path so the file on disk is exactly what runs.
        self.replace_catalog(Catalog::with_overlays(self.store().data_dir())?);
        Ok(())
    }

    /// Replaces the price of `model@route` for this library (resellers differ, prices move).
    pub fn set_price_override(&self, model: &str, route: RouteId, price: PriceSpec) -> Result<()> {
        self.catalog().select(&format!("{model}@{route}"), |_| true)?;
        if price.rules.is_empty() || price.rules.iter().any(|r| r.usd_per_second.is_none() && r.usd_per_clip.is_none())
        {
            let allowed = vec!["at least one rule with usd_per_second or usd_per_clip".into()];
            return Err(
                InputError::InvalidValue { field: "price".into(), value: "(empty rule)".into(), allowed }.into()
            );
        }
        let mut file = self.read_overrides()?;
        file.prices.retain(|p| !(p.model == model && p.route == route));
        file.prices.push(PriceOverride { model: model.to_string(), route, price });
        self.write_overrides(&file)
    }

    /// Back to the shipped price.
    pub fn clear_price_override(&self, model: &str, route: RouteId) -> Result<()> {
        let mut file = self.read_overrides()?;
        file.prices.retain(|p| !(p.model == model && p.route == route));
        self.write_overrides(&file)
    }
}

#[cfg(test)]
mod tests {
    use crate::api::CompareRequest;
    use crate::catalog::{CanonicalParams, PriceRule};
    use crate::engine::test_studio::studio;
    use crate::Studio;

    use super::*;

    fn kling_estimate(s: &Studio) -> f64 {
        let req = CompareRequest {
            params: CanonicalParams { prompt: "fog".into(), ..Default::default() },
            models: vec!["kling-3.0-pro@fal".into()],
            ..Default::default()
        };
        s.plan(&req).unwrap().estimated_cost_usd
    }

    #[tokio::test]
    async fn a_price_override_changes_estimates_and_survives_a_restart() {
        let dir = tempfile::tempdir().unwrap();
        let s = studio(dir.path()).await;
        assert_eq!(kling_estimate(&s), 0.84);
        let mine = PriceSpec {
            rules: vec![PriceRule { usd_per_second: Some(0.2), ..PriceRule::default() }],
            source: "my reseller".into(),
            as_of: "2026-11-21".into(),
            usd_per_million_tokens: None,
            usd_per_unit: None,
        };
        s.set_price_override("kling-3.0-pro", RouteId::Fal, mine).unwrap();
        assert_eq!(kling_estimate(&s), 1.0);
        let info = s.models().into_iter().find(|m| m.id == "kling-3.0-pro").unwrap();
        assert!(info.routes.iter().any(|r| r.route == RouteId::Fal && r.price_overridden));
        s.store().close().await;

        let again = studio(dir.path()).await;
        assert_eq!(kling_estimate(&again), 1.0);
        again.clear_price_override("kling-3.0-pro", RouteId::Fal).unwrap();
        assert_eq!(kling_estimate(&again), 0.84);
        let empty = PriceSpec {
            rules: vec![],
            source: "x".into(),
            as_of: "x".into(),
            usd_per_million_tokens: None,
            usd_per_unit: None,
        };
        assert!(again.set_price_override("kling-3.0-pro", RouteId::Fal, empty).is_err());
        assert!(again
            .set_price_override(
                "nope",
                RouteId::Fal,
                PriceSpec { rules: vec![], ..again.catalog().model("kling-3.0-pro").unwrap().routes[0].price.clone() }
            )
            .is_err());
    }
}

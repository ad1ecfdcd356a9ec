//! Prompt advice on the routes a comparison would pick (see [`crate::lint`]).

use crate::catalog::CanonicalParams;
use crate::error::Result;
use crate::lint::ModelAdvice;

use super::Studio;

impl Studio {
    /// Advice for `models` (`id` or `id@route`) on the same routes [`Studio::plan`] picks:
    /// a route with a key wins, every route counts as keyed in demo mode.
    pub fn lint(&self, params: &CanonicalParams, models: &[String]) -> Result<Vec<ModelAdvice>> {
        let demo = self.demo().is_some();
        let has_key = |route| demo || matches!(self.keys().get(route), Ok(Some(_)));
        Ok(crate::lint::lint(&self.catalog(), params, models, has_key)?)
    }
}

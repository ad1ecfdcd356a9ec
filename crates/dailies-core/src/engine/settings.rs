//! Settings through the studio (kept in memory, written through to the library) and the
//! budgets every spending start is checked against before anything is persisted or sent.

use std::sync::Arc;

use super::Studio;
use crate::api::RunPlan;
use crate::error::{InputError, Result};
use crate::settings::{SettingEntry, SettingKey, Settings, SpendSummary};

impl Studio {
    /// The settings in force (a snapshot; cheap).
    pub fn settings(&self) -> Arc<Settings> {
        self.inner.settings.read().expect("settings lock").clone()
    }

    /// Every setting with its value in force, default and source.
    pub fn setting_entries(&self) -> Vec<SettingEntry> {
        self.settings().entries()
    }

    pub fn setting_entry(&self, name: &str) -> Result<SettingEntry> {
        Ok(self.settings().entry(SettingKey::parse(name)?))
    }

    /// Validates and stores a setting; it applies to everything started from now on.
    pub async fn set_setting(&self, name: &str, value: &str) -> Result<SettingEntry> {
        let key = SettingKey::parse(name)?;
        let value = key.validate(value)?;
        self.store().put_setting(&key.name(), &value).await?;
        self.reload_settings().await?;
        Ok(self.settings().entry(key))
    }

    /// Back to the default (for a budget: no limit).
    pub async fn unset_setting(&self, name: &str) -> Result<SettingEntry> {
        let key = SettingKey::parse(name)?;
        self.store().delete_setting(&key.name()).await?;
        self.reload_settings().await?;
        Ok(self.settings().entry(key))
    }

    pub(super) async fn reload_settings(&self) -> Result<()> {
        let settings = Settings::from_rows(self.store().setting_rows().await?);
        *self.inner.settings.write().expect("settings lock") = Arc::new(settings);
        // A raised concurrency limit lets waiting clips go now.
        self.slot_freed();
        Ok(())
    }

    /// This local day's and month's spend with the budgets, for the spend meter.
    pub async fn spend_summary(&self) -> Result<SpendSummary> {
        let settings = self.settings();
        Ok(SpendSummary {
            day_usd: self.store().spend_since(local_period_start(Period::Day)).await?,
            month_usd: self.store().spend_since(local_period_start(Period::Month)).await?,
            run_budget_usd: settings.budget(SettingKey::BudgetRun),
            day_budget_usd: settings.budget(SettingKey::BudgetDay),
            month_budget_usd: settings.budget(SettingKey::BudgetMonth),
        })
    }

    /// Refuses a plan that would take the run, today's or this month's spend past its
    /// budget. Demo runs spend nothing and are never refused.
    pub async fn check_budgets(&self, plan: &RunPlan) -> Result<()> {
        if plan.demo {
            return Ok(());
        }
        let settings = self.settings();
        let estimate = plan.estimated_cost_usd;
        if let Some(cap) = settings.budget(SettingKey::BudgetRun) {
            over(SettingKey::BudgetRun, "run", cap, 0.0, estimate)?;
        }
        for (key, period, since) in [
            (SettingKey::BudgetDay, "day", local_period_start(Period::Day)),
            (SettingKey::BudgetMonth, "month", local_period_start(Period::Month)),
        ] {
            if let Some(cap) = settings.budget(key) {
                let spent = self.store().spend_since(since).await?;
                over(key, period, cap, spent, estimate)?;
            }
        }
        Ok(())
    }
}

fn over(key: SettingKey, period: &str, cap: f64, spent: f64, estimate: f64) -> Result<()> {
    // A cent of slack: estimates are sums of rounded per-second prices.
    if spent + estimate > cap + 1e-9 {
        return Err(InputError::BudgetExceeded { key: key.name(), period: period.into(), cap, spent, estimate }.into());
    }
    Ok(())
}

#[derive(Clone, Copy)]
enum Period {
    Day,
    Month,
}

/// Milliseconds since the epoch at the start of this local calendar day or month (the
/// system time zone; UTC when it cannot be read).
fn local_period_start(period: Period) -> i64 {
    let now = jiff::Zoned::now();
    let start = match period {
        Period::Day => now.start_of_day(),
        Period::Month => now.first_of_month().and_then(|d| d.start_of_day()),
    };
    start.map_or(0, |z| z.timestamp().as_millisecond())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_start_at_local_midnight_and_the_first() {
        let now = jiff::Timestamp::now().as_millisecond();
        let day = local_period_start(Period::Day);
        let month = local_period_start(Period::Month);
        assert!(month <= day && day <= now && now - day < 25 * 3600 * 1000, "{month} {day} {now}");
        let z = jiff::Timestamp::from_millisecond(month).unwrap().to_zoned(jiff::tz::TimeZone::system());
        assert_eq!((z.day(), z.hour(), z.minute()), (1, 0, 0));
    }

    #[test]
    fn a_budget_refusal_names_the_key_the_cap_the_spend_and_the_estimate() {
        let e = over(SettingKey::BudgetDay, "day", 1.0, 0.6, 0.5).unwrap_err();
        assert_eq!(e.field(), Some("budget.day_usd"));
        let text = e.to_string();
        for part in ["budget.day_usd", "$1.00", "$0.60", "$0.50", "$1.10"] {
            assert!(text.contains(part), "{part} in {text}");
        }
        assert!(over(SettingKey::BudgetDay, "day", 1.0, 0.5, 0.5).is_ok(), "exactly at the cap is allowed");
    }
}

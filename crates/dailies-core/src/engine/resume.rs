//! Picking up after a crash or kill: follow unfinished clips by provider job id, never
//! resubmit one that may already have been sent, and leave alone the clips a live process
//! holds the lease on (they are not unfinished, just busy elsewhere).

use serde::Serialize;

use super::Studio;
use crate::api::ClipStatus;
use crate::error::Result;

#[derive(Debug, Default, Clone, Serialize)]
pub struct ResumeReport {
    /// Clips being followed again (by provider job id) or submitted for the first time.
    pub resumed: Vec<String>,
    /// Clips that may have been submitted but have no job id: marked unknown.
    pub unknown: Vec<String>,
    /// Clips that could not be continued (no key, demo emulator gone).
    pub failed: Vec<String>,
    /// Clips another running Dailies (the app, a `compare`) is following: left to it.
    pub elsewhere: Vec<String>,
}

impl Studio {
    /// Continues every unfinished clip and waits for them to end.
    pub async fn resume(&self) -> Result<ResumeReport> {
        let mut report = ResumeReport::default();
        let mut tasks = Vec::new();
        for row in self.store().unfinished_clips().await? {
            let id = row.id.clone();
            if self.store().leased_elsewhere(&id).await? {
                report.elsewhere.push(id);
                continue;
            }
            let route = match row.route_id() {
                Ok(route) => route,
                Err(unknown) => {
                    // Nothing is sent: another route's adapter would carry its key to this row's URL.
                    self.fail(&id, ClipStatus::Failed, unknown.code(), &unknown.to_string()).await?;
                    report.failed.push(id);
                    continue;
                }
            };
            let status = row.status();
            if status == ClipStatus::Submitting && row.provider_job_id.is_none() {
                let msg = format!(
                    "Unknown — may have been charged: Dailies stopped while sending this job to {} and never got a job id. Not resubmitted.",
                    route.display_name()
                );
                self.fail(&id, ClipStatus::Unknown, "unknown_submit", &msg).await?;
                report.unknown.push(id);
                continue;
            }
            if row.demo {
                // The in-process emulator that held this job is gone with the old process.
                let msg = "Demo job interrupted when Dailies closed; run it again (demo runs are free).";
                self.fail(&id, ClipStatus::Failed, "demo_interrupted", msg).await?;
                report.failed.push(id);
                continue;
            }
            match self.off_runtime(move |studio| studio.keys().get(route)).await {
                Ok(Some(key)) => {
                    tasks.push(self.spawn_clip(id.clone(), key, false));
                    report.resumed.push(id);
                }
                lookup => {
                    // A locked keychain says so (with its fix); only a missing key reads as one.
                    let why = match lookup {
                        Err(e) => e.to_string(),
                        Ok(_) => "no key available to continue this job; set it".to_string(),
                    };
                    let msg = format!("{}: {why} and run `dailies resume`", route.display_name());
                    self.store().add_event(&id, "resume_skipped", None, None, Some(&msg)).await?;
                    report.failed.push(id);
                }
            }
        }
        for t in tasks {
            let _ = t.await;
        }
        Ok(report)
    }
}

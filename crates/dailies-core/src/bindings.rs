//! TypeScript bindings for the UI, generated from the Rust types that cross IPC.
//! `cargo test -p dailies-core bindings` fails when `ui/src/ipc/bindings.gen.ts` has
//! drifted; `UPDATE_BINDINGS=1` rewrites it.

use ts_rs::TS;

use crate::api::*;
use crate::catalog::{
    CanonicalParams, Lifecycle, LifecycleState, ParityNote, PriceRule, PriceSpec, ResolvedParams, RouteId, Shot,
};

/// The whole bindings file.
pub fn typescript() -> String {
    let decls = [
        RouteId::decl(),
        LifecycleState::decl(),
        Lifecycle::decl(),
        PriceRule::decl(),
        PriceSpec::decl(),
        Shot::decl(),
        CanonicalParams::decl(),
        ResolvedParams::decl(),
        ParityNote::decl(),
        CompareRequest::decl(),
        PlannedClip::decl(),
        RunPlan::decl(),
        ClipStatus::decl(),
        Latency::decl(),
        CostKind::decl(),
        ClipError::decl(),
        ClipView::decl(),
        RunView::decl(),
        RunSummary::decl(),
        RouteInfo::decl(),
        ModelInfo::decl(),
        KeySource::decl(),
        KeyStatus::decl(),
        IpcError::decl(),
        MediaInfo::decl(),
        AppSettings::decl(),
        ImportedImage::decl(),
        RemixRequest::decl(),
        CancelOutcome::decl(),
        LibraryQuery::decl(),
        ModelStats::decl(),
        VoteWinner::decl(),
        VoteRequest::decl(),
        LeaderRow::decl(),
    ];
    let mut out =
        String::from("// GENERATED from Rust by ts-rs (crates/dailies-core/src/bindings.rs); do not edit.\n\n");
    for d in decls {
        out.push_str("export ");
        out.push_str(&d);
        out.push_str("\n\n");
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn bindings_are_up_to_date() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/ipc/bindings.gen.ts");
        let fresh = super::typescript();
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &fresh).unwrap();
            return;
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == fresh,
            "ui/src/ipc/bindings.gen.ts is stale; run `UPDATE_BINDINGS=1 cargo test -p dailies-core bindings`"
        );
    }
}

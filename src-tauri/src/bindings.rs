//! The IPC contract, generated from Rust: every typed command (name, argument names and
//! types, result and error) and every type the UI sees, written by tauri-specta into
//! `ui/src/ipc/bindings.gen.ts`. A renamed command or argument changes that file, and the
//! UI's calls to it stop type-checking; the test below fails when the file has drifted.

use dailies_core::api::{ClipView, ImportedImage, ImportedVideo, IpcError};
use specta_typescript::Typescript;
use tauri::Runtime;
use tauri_specta::{collect_commands, Builder, ErrorHandlingMode};

use crate::commands;

/// The committed bindings, relative to this crate.
pub const BINDINGS_PATH: &str = "../ui/src/ipc/bindings.gen.ts";

/// Every typed command. `import_image` and `import_video` are the raw-body commands (the
/// file's bytes, not JSON); their names reach the UI as generated constants.
pub fn builder<R: Runtime>() -> Builder<R> {
    Builder::<R>::new()
        .commands(collect_commands![
            commands::models::list_models,
            commands::prices::set_price_override,
            commands::prices::clear_price_override,
            commands::lint::lint_prompt,
            commands::preview::preview_run,
            commands::runs::plan_run,
            commands::runs::start_run,
            commands::runs::list_runs,
            commands::runs::get_run,
            commands::runs::plan_remix,
            commands::runs::start_remix,
            commands::extend::plan_extend,
            commands::extend::start_extend,
            commands::runs::cancel_clip,
            commands::iterate::plan_rerun,
            commands::iterate::start_rerun,
            commands::iterate::run_iteration,
            commands::library::search_runs,
            commands::search::search_run_page,
            commands::search::search_clips,
            commands::library::rate_clip,
            commands::library::model_stats,
            commands::library::vote,
            commands::library::leaderboard,
            commands::stats_series::stats_series,
            commands::media::media_info,
            commands::settings::get_settings,
            commands::settings::set_demo,
            commands::settings::list_settings,
            commands::settings::set_setting,
            commands::settings::unset_setting,
            commands::settings::spend_summary,
            commands::library_location::library_location,
            commands::library_location::move_library,
            commands::library_location::restart_app,
            commands::keys::key_status,
            commands::keys::set_key,
            commands::keys::remove_key,
            commands::export::export_run,
            commands::export::export_video,
            commands::curate::tag_clip,
            commands::curate::untag_clip,
            commands::curate::list_tags,
            commands::curate::set_note,
            commands::curate::set_winner,
            commands::curate::list_boards,
            commands::curate::boards_of_clip,
            commands::curate::create_board,
            commands::curate::rename_board,
            commands::curate::delete_board,
            commands::curate::add_to_board,
            commands::curate::remove_from_board,
            commands::curate::trash_items,
            commands::curate::restore_item,
            commands::curate::list_trash,
            commands::curate::empty_trash,
            commands::time_notes::list_time_notes,
            commands::time_notes::add_time_note,
            commands::time_notes::delete_time_note,
            commands::elements::list_elements,
            commands::elements::add_element,
            commands::elements::remove_element,
        ])
        // Errors reject the promise with `IpcError`, as they always have; the UI normalises them.
        .error_handling(ErrorHandlingMode::Throw)
        // Numbers for 64-bit integers: millisecond timestamps and counts stay far below 2^53.
        .dangerously_cast_bigints_to_number()
        // One TypeScript type per Rust type (the UI sends back what it received).
        .disable_serde_phases()
        .typ::<ClipView>()
        .typ::<IpcError>()
        .typ::<ImportedImage>()
        .typ::<ImportedVideo>()
        .typ::<dailies_core::export::video::ExportProgress>()
        .typ::<dailies_core::relocate::MoveProgress>()
        .constant("IMPORT_IMAGE_COMMAND", commands::images::IMPORT_IMAGE_COMMAND)
        .constant("IMPORT_VIDEO_COMMAND", commands::images::IMPORT_VIDEO_COMMAND)
        .constant("FILE_NAME_HEADER", commands::images::FILE_NAME_HEADER)
        .constant("CLIP_UPDATE_EVENT", crate::setup::CLIP_EVENT)
}

/// The TypeScript exporter (its own header says the file is generated).
pub fn exporter() -> Typescript {
    Typescript::default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bindings_are_up_to_date() {
        let committed_path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(BINDINGS_PATH);
        let fresh_dir = tempfile::tempdir().unwrap();
        let fresh_path = fresh_dir.path().join("bindings.gen.ts");
        builder::<tauri::Wry>().export(exporter(), &fresh_path).expect("export the bindings");
        let fresh = std::fs::read_to_string(&fresh_path).unwrap();
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            std::fs::write(&committed_path, &fresh).unwrap();
            return;
        }
        let committed = std::fs::read_to_string(&committed_path).unwrap_or_default();
        assert!(
            committed == fresh,
            "ui/src/ipc/bindings.gen.ts is stale; run `UPDATE_BINDINGS=1 cargo test -p dailies-app bindings`"
        );
    }
}

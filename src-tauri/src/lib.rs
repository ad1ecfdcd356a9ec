//! The Dailies desktop shell: Tauri commands and events over `dailies-core`, nothing more.
//! Every command unpacks its arguments, calls the core and maps the error; the product's
//! logic lives in the core so the CLI and the app behave the same.

mod commands;
mod demo;
mod ipc_error;
mod settings;
mod setup;
mod state;

/// Registers the commands and the launch sequence on any runtime (the mock one in tests).
pub fn build_app<R: tauri::Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
    builder
        .invoke_handler(tauri::generate_handler![
            commands::models::list_models,
            commands::prices::set_price_override,
            commands::prices::clear_price_override,
            commands::images::import_image,
            commands::runs::plan_run,
            commands::runs::start_run,
            commands::runs::list_runs,
            commands::runs::get_run,
            commands::runs::plan_remix,
            commands::runs::start_remix,
            commands::runs::cancel_clip,
            commands::library::search_runs,
            commands::library::rate_clip,
            commands::library::model_stats,
            commands::library::vote,
            commands::library::leaderboard,
            commands::media::media_info,
            commands::settings::get_settings,
            commands::settings::set_demo,
            commands::keys::key_status,
            commands::keys::set_key,
            commands::keys::remove_key,
        ])
        .setup(|app| setup::launch(app).map_err(Into::into))
}

/// The desktop entry point.
pub fn run() {
    let context = tauri::generate_context!();
    if let Err(e) = build_app(tauri::Builder::default()).run(context) {
        tracing::error!(error = %e, "Dailies could not start");
        std::process::exit(1);
    }
}

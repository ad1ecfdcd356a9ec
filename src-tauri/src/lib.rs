//! The Dailies desktop shell: Tauri commands and events over `dailies-core`, nothing more.
//! Every command unpacks its arguments, calls the core and maps the error; the product's
//! logic lives in the core so the CLI and the app behave the same.

pub mod bindings;
mod commands;
mod demo;
mod ipc_error;
#[cfg(target_os = "linux")]
mod malloc_tuning;
mod notify;
mod settings;
mod setup;
mod state;

/// Registers the commands and the launch sequence on any runtime.
pub fn build_app<R: tauri::Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
    let typed = bindings::builder::<R>().invoke_handler();
    // The one raw-body command; everything else goes through the generated, typed layer.
    let raw = raw_commands::<R>();
    builder
        .plugin(tauri_plugin_notification::init())
        .invoke_handler(move |invoke| {
            let command = invoke.message.command();
            if command == commands::images::IMPORT_IMAGE_COMMAND || command == commands::images::IMPORT_VIDEO_COMMAND {
                raw(invoke)
            } else {
                typed(invoke)
            }
        })
        .setup(|app| setup::launch(app).map_err(Into::into))
}

/// The raw-body commands, registered by hand (they take a file's bytes, not JSON).
fn raw_commands<R: tauri::Runtime>() -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static {
    tauri::generate_handler![commands::images::import_image, commands::images::import_video]
}

/// The desktop entry point.
pub fn run() {
    #[cfg(target_os = "linux")]
    malloc_tuning::apply();
    let context = tauri::generate_context!();
    if let Err(e) = build_app(tauri::Builder::default()).run(context) {
        tracing::error!(error = %e, "Dailies could not start");
        std::process::exit(1);
    }
}

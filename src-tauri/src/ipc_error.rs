//! The one error shape every command returns: the core's stable code plus its message.

use dailies_core::api::IpcError;

/// Maps a core error to what crosses IPC (the UI branches on `code`, shows `message`).
/// The message can quote a provider's reply, so it is scrubbed of keys on the way out.
pub fn ipc(e: dailies_core::Error) -> IpcError {
    IpcError {
        code: e.code().to_string(),
        message: dailies_core::redact::scrub(&e.to_string()),
        field: e.field().map(str::to_string),
    }
}

/// An error that is the shell's own, not the core's (e.g. the emulator would not start).
pub fn shell(code: &str, message: impl std::fmt::Display) -> IpcError {
    IpcError { code: code.to_string(), message: message.to_string(), field: None }
}

/// A blocking task (keychain over D-Bus) that panicked or was cancelled.
pub fn join(e: impl std::fmt::Display) -> IpcError {
    shell("internal", format!("background task failed: {e}"))
}

pub type CmdResult<T> = Result<T, IpcError>;

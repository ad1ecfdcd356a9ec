//! Image-to-video inputs and motion-control reference videos. The picked file's bytes arrive
//! as the raw IPC body (no JSON array of numbers, which would be several times the file's
//! size), the name in a header.

use dailies_core::api::{ImportedImage, ImportedVideo};
use tauri::ipc::{InvokeBody, Request};
use tauri::State;

use crate::ipc_error::{ipc, shell, CmdResult};
use crate::state::AppState;

/// The command's name, exported to the UI as a generated constant (it is not a typed command).
pub const IMPORT_IMAGE_COMMAND: &str = "import_image";

/// The reference-video import's name, exported like `IMPORT_IMAGE_COMMAND`.
pub const IMPORT_VIDEO_COMMAND: &str = "import_video";

/// The header carrying the picked file's name, percent-encoded (headers are ASCII only).
pub const FILE_NAME_HEADER: &str = "x-file-name";

/// Copies the picked image into the library and reports its format and size.
#[tauri::command]
pub async fn import_image(state: State<'_, AppState>, request: Request<'_>) -> CmdResult<ImportedImage> {
    let InvokeBody::Raw(bytes) = request.body() else {
        return Err(shell("invalid_input", "image: expected the file's bytes as the raw request body"));
    };
    let bytes = bytes.clone();
    let encoded = request.headers().get(FILE_NAME_HEADER).and_then(|v| v.to_str().ok()).unwrap_or("image");
    let file_name = percent_decode(encoded);
    state.blocking(move |studio| studio.import_image(&file_name, &bytes).map_err(ipc)).await
}

/// Copies the picked reference video into the library and reports its size and length.
#[tauri::command]
pub async fn import_video(state: State<'_, AppState>, request: Request<'_>) -> CmdResult<ImportedVideo> {
    let InvokeBody::Raw(bytes) = request.body() else {
        return Err(shell("invalid_input", "motion-video: expected the file's bytes as the raw request body"));
    };
    let bytes = bytes.clone();
    let encoded = request.headers().get(FILE_NAME_HEADER).and_then(|v| v.to_str().ok()).unwrap_or("video");
    let file_name = percent_decode(encoded);
    state.blocking(move |studio| studio.import_video(&file_name, &bytes).map_err(ipc)).await
}

/// Undoes JS `encodeURIComponent`; malformed escapes are kept as typed (the core only uses
/// the name to label the copy, so a mangled name is harmless).
fn percent_decode(encoded: &str) -> String {
    let raw = encoded.as_bytes();
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        let hex = raw.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
        match (raw[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::percent_decode;

    #[test]
    fn decodes_what_encode_uri_component_produces() {
        assert_eq!(percent_decode("my%20shot%20%C3%A9t%C3%A9.png"), "my shot été.png");
        assert_eq!(percent_decode("plain.jpg"), "plain.jpg");
        assert_eq!(percent_decode("100%.png"), "100%.png");
        assert_eq!(percent_decode("bad%zzname%4"), "bad%zzname%4");
    }
}

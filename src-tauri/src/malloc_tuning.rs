//! glibc malloc's mmap threshold, fixed for the app and the WebKit processes it starts.
//!
//! Why: every run on the stage makes four `<video>` pipelines whose decoders allocate 1080p
//! frames (~3 MB each) from malloc. glibc raises its mmap threshold each time such a block is
//! freed (up to 32 MiB), so later frames come from the heap arenas, and a released run's
//! frames stay there as the arenas' high-water mark: the web process grew ~10 MB per run
//! although every element of the runs that left was released. A fixed 128 KiB threshold (the
//! default's starting point) keeps large blocks in their own mappings, which go back to the
//! system when freed. Measured with `scripts/player-bench/app.sh` (BENCHMARKS.md, "Synced
//! player in the real app"); the arena count (`MALLOC_ARENA_MAX=2`) made no further difference.
//!
//! glibc reads `MALLOC_MMAP_THRESHOLD_` once, when a process starts, so setting it here reaches
//! the children only (WebKitWebProcess inherits this process's environment when WebKit spawns
//! it), where the decoders are. This process's own allocator is already running and `mallopt`
//! would need `unsafe` (forbidden in this workspace): it keeps glibc's default, measured at
//! +10 MB over ten runs, against none when the variable is set at launch.
//! A value the user set stays as they set it.

const VARIABLE: &str = "MALLOC_MMAP_THRESHOLD_";
/// Blocks from this size up get their own mapping.
const MMAP_THRESHOLD: usize = 128 * 1024;

/// The value to set, unless the environment already carries one.
fn wanted(current: Option<std::ffi::OsString>) -> Option<String> {
    current.is_none().then(|| MMAP_THRESHOLD.to_string())
}

/// Call first thing in `run()`, before any thread or webview exists.
pub fn apply() {
    if let Some(value) = wanted(std::env::var_os(VARIABLE)) {
        // Sound here: no other thread runs yet (edition 2021 keeps `set_var` a safe call).
        std::env::set_var(VARIABLE, value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sets_the_threshold_on_a_plain_environment() {
        assert_eq!(wanted(None).as_deref(), Some("131072"));
    }

    #[test]
    fn leaves_a_users_own_setting_alone() {
        assert_eq!(wanted(Some("1048576".into())), None);
    }
}

//! Scrubbing keys out of provider text before it is stored, logged or shown.
//!
//! Providers echo what they were sent: a 401 that quotes the key, a 5xx whose body carries
//! an upstream URL with `?key=`. Every piece of provider text passes through [`scrub`] at
//! the points where it becomes persisted or printed (the store's failure and event writes,
//! the CLI's error line, the IPC error). [`scrub`] knows every key this process resolved
//! ([`remember`] is called by [`crate::secrets::Keys`] and the demo backend), removes each
//! key and any [`MIN_FRAGMENT`]-or-longer piece of one, and also blanks `key=`/`token=`
//! values and `Bearer` tokens whoever they belong to.

use std::collections::HashSet;
use std::sync::{LazyLock, RwLock};

use crate::secrets::Secret;

/// What a removed key (or fragment, or credential value) is replaced with.
pub const REDACTED: &str = "[redacted]";

/// The shortest piece of a key that is removed on its own: long enough that ordinary
/// words never match, short enough that a truncated echo (`sk-abc…`) still goes.
pub const MIN_FRAGMENT: usize = 8;

/// Keys shorter than this are not treated as secrets worth blanking every occurrence of
/// (a one-letter test key would otherwise blank every such letter).
const MIN_WHOLE_KEY: usize = 4;

/// The keys this process has resolved, shared by every [`scrub`] call. Keys are process-wide
/// (the environment, one keychain), so the set is too; it only ever grows.
static KNOWN: LazyLock<RwLock<Redactor>> = LazyLock::new(|| RwLock::new(Redactor::default()));

/// Adds a key to the set [`scrub`] removes. Cheap to call again with a known key.
pub fn remember(secret: &Secret) {
    if KNOWN.read().is_ok_and(|r| r.knows(secret.expose())) {
        return;
    }
    // A poisoned lock only means another thread panicked mid-insert; the set is still usable.
    let mut known = KNOWN.write().unwrap_or_else(|e| e.into_inner());
    known.add(secret.expose());
}

/// `text` with every known key (and fragment of one) and every credential value removed.
pub fn scrub(text: &str) -> String {
    KNOWN.read().unwrap_or_else(|e| e.into_inner()).scrub(text)
}

/// [`scrub`] for optional text, as the store binds it.
pub fn scrub_opt(text: Option<&str>) -> Option<String> {
    text.map(scrub)
}

/// A set of keys and the scrubbing rule; [`scrub`] uses the process-wide one.
#[derive(Default)]
pub struct Redactor {
    keys: Vec<String>,
    /// Every `MIN_FRAGMENT`-byte window of every key: a text position whose window is in
    /// here starts a piece of a key.
    windows: HashSet<Vec<u8>>,
}

impl Redactor {
    pub fn new<'a>(keys: impl IntoIterator<Item = &'a str>) -> Redactor {
        let mut r = Redactor::default();
        for k in keys {
            r.add(k);
        }
        r
    }

    fn knows(&self, key: &str) -> bool {
        self.keys.iter().any(|k| k == key)
    }

    fn add(&mut self, key: &str) {
        if key.len() < MIN_WHOLE_KEY || self.knows(key) {
            return;
        }
        self.windows.extend(key.as_bytes().windows(MIN_FRAGMENT).map(<[u8]>::to_vec));
        self.keys.push(key.to_string());
    }

    pub fn scrub(&self, text: &str) -> String {
        let mut hidden = vec![false; text.len()];
        self.mark_key_pieces(text.as_bytes(), &mut hidden);
        mark_credential_values(text, &mut hidden);
        replace_marked(text, &hidden)
    }

    /// Marks every byte covered by a key window, and whole occurrences of keys too short
    /// to have one. Linear in the text: one hash lookup per position.
    fn mark_key_pieces(&self, bytes: &[u8], hidden: &mut [bool]) {
        if !self.windows.is_empty() {
            for (at, window) in bytes.windows(MIN_FRAGMENT).enumerate() {
                if self.windows.contains(window) {
                    hidden[at..at + MIN_FRAGMENT].iter_mut().for_each(|h| *h = true);
                }
            }
        }
        for key in self.keys.iter().filter(|k| k.len() < MIN_FRAGMENT) {
            let key = key.as_bytes();
            for at in 0..bytes.len().saturating_sub(key.len() - 1) {
                if &bytes[at..at + key.len()] == key {
                    hidden[at..at + key.len()].iter_mut().for_each(|h| *h = true);
                }
            }
        }
    }
}

/// Parameter names whose value is a credential in a URL or form: `key`, `api_key`,
/// `access_token`, `x-goog-api-key`, `client_secret`, ...
fn is_credential_name(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    ["key", "token", "secret", "signature", "password"].iter().any(|s| name.ends_with(s))
}

fn ends_value(c: char) -> bool {
    c.is_whitespace() || matches!(c, '&' | '"' | '\'' | '#' | '<' | '>' | ',' | ';' | ')' | ']' | '}' | '\\')
}

fn is_name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-')
}

/// Marks the value after `<credential name>=` and after `Bearer `, whatever key it is.
fn mark_credential_values(text: &str, hidden: &mut [bool]) {
    for (eq, _) in text.match_indices('=') {
        // Names are ASCII, so the byte after the last non-name byte starts one.
        let name_start = text.as_bytes()[..eq].iter().rposition(|&b| !is_name_byte(b)).map_or(0, |i| i + 1);
        if is_credential_name(&text[name_start..eq]) {
            mark_value(text, eq + 1, hidden);
        }
    }
    let lower = text.to_ascii_lowercase();
    for (at, word) in lower.match_indices("bearer ") {
        mark_value(text, at + word.len(), hidden);
    }
}

fn mark_value(text: &str, start: usize, hidden: &mut [bool]) {
    let len = text[start..].find(ends_value).unwrap_or(text.len() - start);
    hidden[start..start + len].iter_mut().for_each(|h| *h = true);
}

/// Replaces each run of marked bytes with one [`REDACTED`], widened to whole characters.
fn replace_marked(text: &str, hidden: &[bool]) -> String {
    if !hidden.contains(&true) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut in_run = false;
    for (at, c) in text.char_indices() {
        if hidden[at..at + c.len_utf8()].contains(&true) {
            if !in_run {
                out.push_str(REDACTED);
                in_run = true;
            }
        } else {
            out.push(c);
            in_run = false;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "fal-0123456789abcdef:fedcba9876543210";

    #[test]
    fn removes_whole_keys_and_fragments_of_eight_or_more() {
        let r = Redactor::new([KEY]);
        assert_eq!(r.scrub(&format!("Invalid key {KEY}.")), "Invalid key [redacted].");
        // A truncated echo still goes; seven characters of it are not a key.
        assert_eq!(r.scrub("you sent 01234567…"), "you sent [redacted]…");
        assert_eq!(r.scrub("build 0123456 ok"), "build 0123456 ok");
        assert_eq!(r.scrub("a89abcdefb and fedcba98!"), "a[redacted]b and [redacted]!");
    }

    #[test]
    fn removes_credential_values_whoever_they_belong_to() {
        let r = Redactor::default();
        let text = "GET https://x.test/v1/m?alt=json&key=AIzaUnknown&x=1 failed; Authorization: Bearer eyJ.a.b";
        assert_eq!(
            r.scrub(text),
            "GET https://x.test/v1/m?alt=json&key=[redacted]&x=1 failed; Authorization: Bearer [redacted]"
        );
        assert_eq!(
            r.scrub("api_key=abc token=\"t\" x-goog-api-key=k"),
            "api_key=[redacted] token=\"t\" x-goog-api-key=[redacted]"
        );
        assert_eq!(r.scrub("monkey business, keyboard=ok"), "monkey business, keyboard=ok");
    }

    #[test]
    fn keeps_text_without_secrets_and_multibyte_characters() {
        let r = Redactor::new(["ключ-секрет-длинный"]);
        assert_eq!(r.scrub("queued — position 3"), "queued — position 3");
        assert_eq!(r.scrub("got «секрет-длинный»"), "got «[redacted]»");
        assert_eq!(r.scrub("слово…token=abc€"), "слово…token=[redacted]");
    }

    #[test]
    fn short_keys_are_removed_only_whole() {
        let r = Redactor::new(["abcde", "k"]);
        assert_eq!(r.scrub("key abcde, bcde, k"), "key [redacted], bcde, k");
    }

    #[test]
    fn remembered_keys_are_scrubbed_process_wide() {
        let key = "remembered-9f8e7d6c5b4a";
        assert!(scrub(key).contains(key));
        remember(&Secret::new(key));
        assert_eq!(scrub(&format!("echo {key}")), "echo [redacted]");
    }
}

//! A prompt against its previous version, word by word (the `similar` crate's word diff),
//! for the run view of an iteration.

use similar::{ChangeTag, TextDiff};

use crate::api::{ChangeKind, WordChange};

/// `new` against `old`: runs of kept, inserted and removed words, in reading order. The
/// spaces between words stay with the words around them, so joining every kept and
/// inserted piece gives `new` back and every kept and removed piece gives `old`.
pub fn word_diff(old: &str, new: &str) -> Vec<WordChange> {
    let diff = TextDiff::from_words(old, new);
    let mut changes: Vec<WordChange> = Vec::new();
    for change in diff.iter_all_changes() {
        let kind = match change.tag() {
            ChangeTag::Equal => ChangeKind::Same,
            ChangeTag::Insert => ChangeKind::Inserted,
            ChangeTag::Delete => ChangeKind::Removed,
        };
        match changes.last_mut() {
            Some(last) if last.kind == kind => last.text.push_str(change.value()),
            _ => changes.push(WordChange { kind, text: change.value().to_string() }),
        }
    }
    changes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(changes: &[WordChange]) -> String {
        changes
            .iter()
            .map(|c| match c.kind {
                ChangeKind::Same => c.text.clone(),
                ChangeKind::Inserted => format!("[+{}]", c.text),
                ChangeKind::Removed => format!("[-{}]", c.text),
            })
            .collect()
    }

    fn side(changes: &[WordChange], skip: ChangeKind) -> String {
        changes.iter().filter(|c| c.kind != skip).map(|c| c.text.as_str()).collect()
    }

    #[test]
    fn a_changed_word_reads_as_removed_then_inserted() {
        let d = word_diff("a red car at dusk", "a blue car at dusk, rain");
        assert_eq!(marked(&d), "a [-red][+blue] car at [-dusk][+dusk, rain]");
        assert_eq!(side(&d, ChangeKind::Removed), "a blue car at dusk, rain");
        assert_eq!(side(&d, ChangeKind::Inserted), "a red car at dusk");
    }

    #[test]
    fn the_same_prompt_is_one_kept_run_and_an_empty_one_is_all_inserted() {
        assert_eq!(
            word_diff("fog over water", "fog over water"),
            vec![WordChange { kind: ChangeKind::Same, text: "fog over water".into() }]
        );
        assert_eq!(marked(&word_diff("", "fog")), "[+fog]");
        assert_eq!(marked(&word_diff("café au lait", "café noir")), "café [-au lait][+noir]");
    }
}

//! Turns what a creator types into an FTS5 `MATCH` expression. FTS5's query language has
//! operators (`AND`, `NEAR`, `-`, `:`, `*`, parentheses) that a creator never means: every
//! word is double-quoted, so `golden-hour` is the phrase "golden hour" and never a syntax
//! error. The last word is also a prefix (`"lightho"*`) so search works as you type.

/// The `MATCH` expression requiring every word, or `None` when nothing searchable was typed
/// (empty, or only punctuation, which the tokenizer would drop anyway).
pub fn match_expression(text: &str) -> Option<String> {
    let words: Vec<&str> = text.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).collect();
    let last = words.len().checked_sub(1)?;
    let terms: Vec<String> = words
        .iter()
        .enumerate()
        .map(|(i, word)| {
            let quoted = format!("\"{}\"", word.replace('"', "\"\""));
            if i == last {
                quoted + "*"
            } else {
                quoted
            }
        })
        .collect();
    // Juxtaposed terms are an implicit AND in FTS5.
    Some(terms.join(" "))
}

#[cfg(test)]
mod tests {
    use super::match_expression;

    #[test]
    fn every_word_is_quoted_and_the_last_is_a_prefix() {
        assert_eq!(match_expression("lighthouse fog").as_deref(), Some("\"lighthouse\" \"fog\"*"));
        assert_eq!(match_expression("  lightho ").as_deref(), Some("\"lightho\"*"));
    }

    #[test]
    fn punctuation_and_operators_are_words_not_syntax() {
        assert_eq!(match_expression("golden-hour").as_deref(), Some("\"golden-hour\"*"));
        assert_eq!(match_expression("a\"b OR").as_deref(), Some("\"a\"\"b\" \"OR\"*"));
        assert_eq!(match_expression("NEAR( x:y").as_deref(), Some("\"NEAR(\" \"x:y\"*"));
    }

    #[test]
    fn nothing_searchable_is_no_expression() {
        assert_eq!(match_expression(""), None);
        assert_eq!(match_expression("  - * \" "), None);
        assert_eq!(match_expression("- fog").as_deref(), Some("\"fog\"*"));
    }
}

//! Hashtag extraction, done by the core at submit time: the sensor hands over the text of a post
//! being submitted, the core counts its hashtags, and the text is dropped at once — it is never
//! stored, logged or exported.
//!
//! The rules follow what the big platforms link as hashtags (Twitter's open `twitter-text`
//! conventions, which Mastodon, Bluesky and others broadly share):
//! - a tag starts with `#` (or the full-width `＃`) at the start of the text or after a character
//!   that is not a letter, digit, `_`, `&` or `/` — so `&#39;`, `page#section` and `/#anchor` are
//!   not tags;
//! - it runs over Unicode letters, combining marks, digits, `_` and the joiners some scripts need
//!   (ZWNJ, ZWJ, the middle dots of Catalan and Japanese) — so `#économie` and `#日本語` count;
//! - it must hold at least one character that is not a digit — so `#123` does not count;
//! - one immediately followed by `://` (a URL) or another `#` is not a tag.
//!
//! Tags are counted once per post, compared case-insensitively.

/// The longest tag considered; a longer run is not a hashtag on any platform.
const MAX_TAG_CHARS: usize = 140;

fn is_tag_char(c: char) -> bool {
    c.is_alphanumeric()
        || c == '_'
        || matches!(c, '\u{200C}' | '\u{200D}' | '\u{00B7}' | '\u{30FB}')
        || is_combining_mark(c)
}

/// Combining marks of the scripts whose letters need them (Devanagari, Thai, Arabic, …) and the
/// general combining blocks; `char::is_alphanumeric` already covers most, this fills the gaps.
fn is_combining_mark(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}'
        | '\u{0483}'..='\u{0489}'
        | '\u{0591}'..='\u{05BD}'
        | '\u{0610}'..='\u{061A}'
        | '\u{064B}'..='\u{065F}'
        | '\u{0900}'..='\u{0903}'
        | '\u{093A}'..='\u{094F}'
        | '\u{0E31}'
        | '\u{0E34}'..='\u{0E3A}'
        | '\u{0E47}'..='\u{0E4E}'
        | '\u{1AB0}'..='\u{1AFF}'
        | '\u{1DC0}'..='\u{1DFF}'
        | '\u{20D0}'..='\u{20FF}'
        | '\u{FE20}'..='\u{FE2F}')
}

fn may_precede_tag(c: char) -> bool {
    !(c.is_alphanumeric() || c == '_' || c == '&' || c == '/' || is_combining_mark(c))
}

/// The distinct hashtags of `text`, lowercased, in order of first appearance, without the `#`.
pub fn extract_hashtags(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut found: Vec<String> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let starts_tag = matches!(chars.get(i), Some('#' | '＃'))
            && (i == 0 || chars.get(i - 1).is_some_and(|&c| may_precede_tag(c)));
        if !starts_tag {
            i += 1;
            continue;
        }
        let body_start = i + 1;
        let mut end = body_start;
        while chars.get(end).is_some_and(|&c| is_tag_char(c)) {
            end += 1;
        }
        let body = chars.get(body_start..end).unwrap_or_default();
        let followed_by_url = chars.get(end..end + 3) == Some(&[':', '/', '/']);
        let followed_by_hash = matches!(chars.get(end), Some('#' | '＃'));
        let has_non_digit = body.iter().any(|c| !c.is_numeric());
        if !body.is_empty()
            && body.len() <= MAX_TAG_CHARS
            && has_non_digit
            && !followed_by_url
            && !followed_by_hash
        {
            let tag: String = body.iter().collect::<String>().to_lowercase();
            if !found.contains(&tag) {
                found.push(tag);
            }
        }
        i = end.max(i + 1);
    }
    found
}

/// How many distinct hashtags `text` holds.
pub fn count_hashtags(text: &str) -> usize {
    extract_hashtags(text).len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(text: &str) -> Vec<String> {
        extract_hashtags(text)
    }

    #[test]
    fn unicode_tags_count() {
        assert_eq!(tags("Vive l'#économie sociale #ESS"), ["économie", "ess"]);
        assert_eq!(
            tags("#日本語 と #한국어 et #русский"),
            ["日本語", "한국어", "русский"]
        );
        assert_eq!(tags("#हिन्दी #ภาษาไทย"), ["हिन्दी", "ภาษาไทย"]);
        assert_eq!(
            tags("(#climat) #data_labour, #x2."),
            ["climat", "data_labour", "x2"]
        );
        assert_eq!(tags("＃全角"), ["全角"]);
    }

    #[test]
    fn numbers_entities_urls_and_anchors_do_not() {
        assert!(tags("#123 #2026").is_empty());
        assert!(tags("it&#39;s fine").is_empty());
        assert!(tags("see https://example.org/page#section and /#top").is_empty());
        assert!(tags("a#b c#d").is_empty());
        assert!(tags("# alone, ## double").is_empty());
        assert!(tags("#http://example.org").is_empty());
        assert!(tags("#a#b").is_empty());
    }

    #[test]
    fn a_tag_counts_once_per_post_whatever_its_case() {
        assert_eq!(count_hashtags("#Climat #climat #CLIMAT #vélo"), 2);
        assert_eq!(count_hashtags(""), 0);
    }

    #[test]
    fn over_long_runs_are_not_tags() {
        assert!(tags(&format!("#{}", "a".repeat(MAX_TAG_CHARS + 1))).is_empty());
        assert_eq!(tags(&format!("#{}", "a".repeat(MAX_TAG_CHARS))).len(), 1);
    }
}

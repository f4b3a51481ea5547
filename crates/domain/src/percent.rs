//! Percent-encoding (RFC 3986) of ids and local paths, with the
//! `percent-encoding` crate: one set of bytes kept as they are, defined
//! here for the web pages, the redirects and the command line.
//!
//! Kept: the unreserved characters (ASCII letters and digits, `-`, `_`,
//! `.`, `~`), and `/` too when a whole path is encoded. Every other byte,
//! non-ASCII UTF-8 included, becomes `%XY` with upper-case hexadecimal.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};

/// The bytes escaped in one path segment (an HSDS id in a URL): all but the
/// unreserved characters.
pub const PATH_SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// The bytes escaped in a whole local path (a `suivant=` or search query
/// value, a `file://` URL): [`PATH_SEGMENT`] with `/` kept.
pub const PATH: &AsciiSet = &PATH_SEGMENT.remove(b'/');

/// `s` as one path segment: `a/b c` → `a%2Fb%20c`.
#[must_use]
pub fn encode_segment(s: &str) -> String {
    utf8_percent_encode(s, PATH_SEGMENT).to_string()
}

/// `s` as a path, its `/` kept: `/a b/é` → `/a%20b/%C3%A9`.
#[must_use]
pub fn encode_path(s: &str) -> String {
    utf8_percent_encode(s, PATH).to_string()
}

/// `%XY` decoded once; a `%` not followed by two hexadecimal digits is left
/// as it is, and bytes that do not form UTF-8 become U+FFFD.
#[must_use]
pub fn decode_lossy(s: &str) -> String {
    percent_decode_str(s).decode_utf8_lossy().into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_escape_all_but_the_unreserved_characters() {
        assert_eq!(encode_segment("abc-123"), "abc-123");
        assert_eq!(encode_segment("a/b c"), "a%2Fb%20c");
        assert_eq!(encode_segment("A.z_0~"), "A.z_0~");
        assert_eq!(
            encode_segment("L’Envolée & fils?#%"),
            "L%E2%80%99Envol%C3%A9e%20%26%20fils%3F%23%25"
        );
        assert_eq!(encode_segment("\u{0}\t\u{7f}+"), "%00%09%7F%2B");
    }

    #[test]
    fn paths_keep_their_slashes() {
        assert_eq!(
            encode_path("/admin/utilisateurs?x=1&y=é"),
            "/admin/utilisateurs%3Fx%3D1%26y%3D%C3%A9"
        );
        assert_eq!(
            encode_path("/tmp/a b/bilan é.html"),
            "/tmp/a%20b/bilan%20%C3%A9.html"
        );
    }

    #[test]
    fn decoding_is_lenient() {
        assert_eq!(decode_lossy("/a%20b%2f%2F"), "/a b//");
        assert_eq!(decode_lossy("caf%C3%A9"), "café");
        assert_eq!(decode_lossy("/100%"), "/100%");
        assert_eq!(decode_lossy("/a%zzb%4"), "/a%zzb%4");
        assert_eq!(decode_lossy("/%FF"), "/\u{FFFD}");
    }

    #[test]
    fn encoding_round_trips() {
        for s in ["/a b/é", "x%y", "L’Envolée & fils", "\u{1}\u{10FFFF}"] {
            assert_eq!(decode_lossy(&encode_segment(s)), s);
            assert_eq!(decode_lossy(&encode_path(s)), s);
        }
    }
}

//! Where a redirect may send someone when the target comes from the request
//! (`suivant` after signing in or switching language).
//!
//! Browsers read `/\t/evil.example/` or `/\evil.example` as `//evil.example`,
//! a link to another site, and a control character in a `Location` header is
//! not even a valid header. So only a local path whose second character,
//! before and after percent-decoding, is neither `/`, `\` nor a control
//! character is kept, and nothing in it may be a control character or a
//! backslash; anything else becomes `/`.

/// The target to redirect to: `candidate` when it is a safe local path, `/`
/// otherwise.
#[must_use]
pub fn safe_local_target(candidate: Option<&str>) -> String {
    match candidate {
        Some(c) if is_safe_local_path(c) => c.to_owned(),
        _ => "/".to_owned(),
    }
}

/// Whether `candidate` is a path on this site that no browser can read as
/// another host.
#[must_use]
pub fn is_safe_local_path(candidate: &str) -> bool {
    // `%XY` decoded once; U+FFFD for bytes that are not UTF-8, which the
    // checks below treat as an ordinary character.
    let decoded = crate::percent::decode_lossy(candidate);
    safe_shape(candidate) && safe_shape(&decoded)
}

fn safe_shape(path: &str) -> bool {
    let mut chars = path.chars();
    if chars.next() != Some('/') {
        return false;
    }
    if chars
        .next()
        .is_some_and(|c| c == '/' || c == '\\' || c.is_control())
    {
        return false;
    }
    !path
        .chars()
        .any(|c| c == '\\' || c.is_control() || is_invisible_space(c))
}

/// Characters browsers strip or fold like a control character when they parse
/// a URL (the no-break and zero-width spaces, the byte-order mark).
fn is_invisible_space(c: char) -> bool {
    matches!(
        c,
        '\u{200b}'..='\u{200f}' | '\u{2028}' | '\u{2029}' | '\u{feff}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_paths_are_kept() {
        for ok in [
            "/",
            "/groupements/cdc?onglet=plan",
            "/organismes/a%20b",
            "/recherche?q=caf%C3%A9#haut",
            "/événements",
        ] {
            assert_eq!(safe_local_target(Some(ok)), ok, "{ok:?} should be kept");
        }
    }

    #[test]
    fn hostile_targets_become_home() {
        for bad in [
            "",
            "evil.example",
            "https://evil.example/",
            "//evil.example/",
            "/\\evil.example",
            "\\/evil.example",
            "/\t/evil.example/",
            "/%09/evil.example/",
            "/%2F/evil.example/",
            "/%2f%2fevil.example",
            "/%5Cevil.example",
            "/\r\nSet-Cookie: a=b",
            "/ok\r\nSet-Cookie: a=b",
            "/\n/evil.example",
            "/\u{b}/evil.example",
            "/%0D%0ALocation:%20//evil.example",
            "/%0b/evil.example",
            "/\u{7f}/evil.example",
            "/\u{85}/evil.example",
            "/\u{feff}/evil.example",
            "/a\\b",
            "javascript:alert(1)",
            " /evil",
        ] {
            assert_eq!(
                safe_local_target(Some(bad)),
                "/",
                "{bad:?} must not be followed"
            );
        }
        assert_eq!(safe_local_target(None), "/");
    }

    #[test]
    fn a_malformed_escape_is_left_as_text() {
        assert_eq!(safe_local_target(Some("/100%")), "/100%");
        assert_eq!(safe_local_target(Some("/a%zzb")), "/a%zzb");
        assert_eq!(safe_local_target(Some("/%FF")), "/%FF");
    }
}

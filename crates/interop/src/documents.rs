//! Uploaded documents (an evaluation's report, a toolkit activity's
//! attachment): what a file is, read from its bytes, never from its name
//! alone, so that a program renamed `rapport.pdf` is refused.
//!
//! The signatures are the `infer` crate's (it looks inside ZIP and OLE
//! containers to tell a Word file from an Excel one or a plain archive).

use std::fmt;

/// The largest document kept: a report of a hundred pages with pictures.
pub const MAX_BYTES: usize = 10 * 1024 * 1024;

/// A kind of document the platform keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentKind {
    Pdf,
    Word,
    Excel,
    PowerPoint,
    OpenText,
    OpenSheet,
    OpenPresentation,
    Rtf,
    Png,
    Jpeg,
    /// UTF-8 text with a `.txt`, `.csv` or `.md` name.
    Text,
}

impl DocumentKind {
    /// The media type the file is served with.
    #[must_use]
    pub fn media_type(self) -> &'static str {
        match self {
            DocumentKind::Pdf => "application/pdf",
            DocumentKind::Word => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
            DocumentKind::Excel => {
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
            DocumentKind::PowerPoint => {
                "application/vnd.openxmlformats-officedocument.presentationml.presentation"
            }
            DocumentKind::OpenText => "application/vnd.oasis.opendocument.text",
            DocumentKind::OpenSheet => "application/vnd.oasis.opendocument.spreadsheet",
            DocumentKind::OpenPresentation => "application/vnd.oasis.opendocument.presentation",
            DocumentKind::Rtf => "application/rtf",
            DocumentKind::Png => "image/png",
            DocumentKind::Jpeg => "image/jpeg",
            DocumentKind::Text => "text/plain; charset=utf-8",
        }
    }

    /// Whether a browser may show it inline (the rest is downloaded).
    #[must_use]
    pub fn inline(self) -> bool {
        matches!(
            self,
            DocumentKind::Pdf | DocumentKind::Png | DocumentKind::Jpeg
        )
    }
}

/// Why an upload is not kept.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NotADocument {
    #[error("the file is empty")]
    Empty,
    #[error("the file is over {MAX_BYTES} bytes")]
    TooLarge,
    /// Its bytes are of another kind (a program, an archive, a web page…).
    #[error("the file is not a document (found {0})")]
    OtherKind(String),
}

impl fmt::Display for DocumentKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.media_type())
    }
}

/// What the file is, from its bytes; its name only decides whether
/// unrecognised UTF-8 is plain text.
pub fn sniff(bytes: &[u8], file_name: &str) -> Result<DocumentKind, NotADocument> {
    if bytes.is_empty() {
        return Err(NotADocument::Empty);
    }
    if bytes.len() > MAX_BYTES {
        return Err(NotADocument::TooLarge);
    }
    match infer::get(bytes) {
        Some(found) => match found.mime_type() {
            "application/pdf" => Ok(DocumentKind::Pdf),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            | "application/msword" => Ok(DocumentKind::Word),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            | "application/vnd.ms-excel" => Ok(DocumentKind::Excel),
            "application/vnd.openxmlformats-officedocument.presentationml.presentation"
            | "application/vnd.ms-powerpoint" => Ok(DocumentKind::PowerPoint),
            "application/vnd.oasis.opendocument.text" => Ok(DocumentKind::OpenText),
            "application/vnd.oasis.opendocument.spreadsheet" => Ok(DocumentKind::OpenSheet),
            "application/vnd.oasis.opendocument.presentation" => Ok(DocumentKind::OpenPresentation),
            "text/rtf" | "application/rtf" => Ok(DocumentKind::Rtf),
            "image/png" => Ok(DocumentKind::Png),
            "image/jpeg" => Ok(DocumentKind::Jpeg),
            other => Err(NotADocument::OtherKind(other.to_owned())),
        },
        None if is_text(bytes, file_name) => Ok(DocumentKind::Text),
        None => Err(NotADocument::OtherKind("unknown".to_owned())),
    }
}

/// Plain text: valid UTF-8 with no control characters but line breaks and
/// tabs, under a text file's name. An HTML page is refused: served back, it
/// would run in the platform's origin.
fn is_text(bytes: &[u8], file_name: &str) -> bool {
    let lower = file_name.to_lowercase();
    let named_text = [".txt", ".csv", ".md"]
        .iter()
        .any(|ext| lower.ends_with(ext));
    let Ok(text) = std::str::from_utf8(bytes) else {
        return false;
    };
    named_text
        && !text.trim_start().starts_with('<')
        && text
            .chars()
            .all(|c| !c.is_control() || matches!(c, '\n' | '\r' | '\t'))
}

/// A file name safe to put in a `Content-Disposition` header and on a
/// page: the last path component, control characters and quotes dropped,
/// at most 200 characters; an empty result is `document`.
#[must_use]
pub fn clean_file_name(name: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = last
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '"' | '\\' | ';'))
        .take(200)
        .collect();
    let cleaned = cleaned.trim().to_owned();
    if cleaned.is_empty() {
        "document".to_owned()
    } else {
        cleaned
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pdf_is_a_document_whatever_its_name() {
        let pdf = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n%%EOF\n";
        assert_eq!(sniff(pdf, "rapport.PDF"), Ok(DocumentKind::Pdf));
        assert_eq!(sniff(pdf, "sans-nom"), Ok(DocumentKind::Pdf));
    }

    #[test]
    fn a_program_named_like_a_pdf_is_refused() {
        let mut elf = vec![0x7f, b'E', b'L', b'F', 2, 1, 1, 0];
        elf.extend_from_slice(&[0; 64]);
        assert!(matches!(
            sniff(&elf, "rapport.pdf"),
            Err(NotADocument::OtherKind(_))
        ));
        let mut exe = b"MZ".to_vec();
        exe.extend_from_slice(&[0x90; 64]);
        assert!(sniff(&exe, "rapport.pdf").is_err());
    }

    #[test]
    fn an_xlsx_written_here_is_a_spreadsheet() {
        let mut book = rust_xlsxwriter::Workbook::new();
        book.add_worksheet().write_string(0, 0, "Constat").unwrap();
        let bytes = book.save_to_buffer().unwrap();
        assert_eq!(sniff(&bytes, "grille.xlsx"), Ok(DocumentKind::Excel));
    }

    #[test]
    fn text_needs_a_text_name_and_html_is_refused() {
        assert_eq!(
            sniff("Constats\nRecommandations\n".as_bytes(), "notes.txt"),
            Ok(DocumentKind::Text)
        );
        assert!(sniff(b"Constats", "notes.bin").is_err());
        assert!(sniff(b"<html><script>alert(1)</script>", "page.txt").is_err());
        assert!(sniff(b"\x00\x01\x02binary", "notes.txt").is_err());
    }

    #[test]
    fn empty_and_huge_files_are_refused() {
        assert_eq!(sniff(b"", "a.pdf"), Err(NotADocument::Empty));
        let mut big = b"%PDF-1.7\n".to_vec();
        big.resize(MAX_BYTES + 1, b' ');
        assert_eq!(sniff(&big, "a.pdf"), Err(NotADocument::TooLarge));
    }

    #[test]
    fn file_names_lose_their_path_and_quotes() {
        assert_eq!(
            clean_file_name("C:\\Users\\x\\rapport \"final\".pdf"),
            "rapport final.pdf"
        );
        assert_eq!(clean_file_name("../../etc/passwd"), "passwd");
        assert_eq!(clean_file_name("  \u{7}  "), "document");
    }
}

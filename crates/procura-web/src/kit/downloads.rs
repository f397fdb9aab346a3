//! Files served as downloads: the content types Procura sends, and the
//! `Content-Disposition` that makes browsers save a file under its name.

use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

use crate::error::{WebError, WebResult};

pub const CSV: &str = "text/csv; charset=utf-8";
pub const JSON: &str = "application/json";
pub const MARKDOWN: &str = "text/markdown; charset=utf-8";
pub const PDF: &str = "application/pdf";
pub const ZIP: &str = "application/zip";
pub const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
/// A file whose type could not be told at upload.
pub const UNKNOWN: &str = "application/octet-stream";

/// `body` as a file to save as `filename`, whatever the browser could show.
/// The name is given twice: in plain ASCII for old clients, and in UTF-8.
pub fn attachment(body: Vec<u8>, content_type: &str, filename: &str) -> WebResult<Response> {
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_str(content_type).map_err(|_| WebError::internal())?,
    );
    headers.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_str(&disposition(filename)).map_err(|_| WebError::internal())?,
    );
    Ok(response)
}

fn disposition(filename: &str) -> String {
    let ascii: String = filename
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "._- ".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    let encoded: String = form_urlencoded::byte_serialize(filename.as_bytes())
        .collect::<String>()
        .replace('+', "%20");
    format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}

/// A project reference as part of a file name: `2025/07` would make a folder.
/// A download's name in the document's own language: the French word for
/// a French document, the English one otherwise.
pub fn named(lang: procura_domain::Lang, fr: &'static str, en: &'static str) -> &'static str {
    match lang {
        procura_domain::Lang::Fr => fr,
        procura_domain::Lang::En => en,
    }
}

pub fn file_stem(reference: &str) -> String {
    reference.replace('/', "-")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(filename: &str, expected: &str) {
        assert_eq!(disposition(filename), expected);
    }

    #[test]
    fn names_are_given_in_ascii_and_in_utf8() {
        check(
            "checklist.xlsx",
            "attachment; filename=\"checklist.xlsx\"; filename*=UTF-8''checklist.xlsx",
        );
        check(
            "prévu «1».pdf",
            "attachment; filename=\"pr_vu _1_.pdf\"; filename*=UTF-8''pr%C3%A9vu%20%C2%AB1%C2%BB.pdf",
        );
        check(
            "a\"b\r\n.txt",
            "attachment; filename=\"a_b__.txt\"; filename*=UTF-8''a%22b%0D%0A.txt",
        );
    }
}

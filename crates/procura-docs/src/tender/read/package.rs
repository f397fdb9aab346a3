//! The zip archive an XLSX file is: its size and part limits, the running
//! count of unpacked bytes, and the workbook's list of sheets.

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

use zip::ZipArchive;

use super::ReadLimits;
use super::error::{ReadError, to_u64};
use super::shared_strings::SharedStrings;
use super::xml::{attribute, for_each_element};
use crate::tender::questionnaire::QUESTIONNAIRE_STAMP_SHEET;

/// The part every XLSX file has; without it the file is something else
/// packaged as a zip (a DOCX, an ODS, an archive).
const WORKBOOK: &str = "xl/workbook.xml";
const WORKBOOK_RELS: &str = "xl/_rels/workbook.xml.rels";

/// Where targets of the workbook's relationships are relative to.
const WORKBOOK_DIR: &str = "xl";

/// Where Excel and rust_xlsxwriter put the shared strings when the
/// relationships do not say.
const SHARED_STRINGS: &str = "xl/sharedStrings.xml";

/// The zip archive, with the running count of what has been unpacked.
#[derive(Debug)]
pub(crate) struct Package<'a> {
    archive: ZipArchive<Cursor<&'a [u8]>>,
    /// Lower-cased part name to index: part names are case-insensitive in
    /// the packaging format, and two names that differ only by case would
    /// let Excel show one part while Procura reads the other.
    names: BTreeMap<String, usize>,
    remaining: u64,
    limit: u64,
}

impl<'a> Package<'a> {
    pub(crate) fn open(bytes: &'a [u8], limits: &ReadLimits) -> Result<Self, ReadError> {
        if bytes.len() > limits.max_file_bytes {
            return Err(ReadError::FileTooLarge {
                size: bytes.len(),
                limit: limits.max_file_bytes,
            });
        }
        let archive = ZipArchive::new(Cursor::new(bytes)).map_err(|_| ReadError::NotXlsx)?;
        if archive.len() > limits.max_entries {
            return Err(ReadError::TooManyEntries {
                count: archive.len(),
                limit: limits.max_entries,
            });
        }
        let mut declared: u64 = 0;
        let mut names = BTreeMap::new();
        for index in 0..archive.len() {
            let entry = archive
                .by_index_data(index)
                .map_err(|_| ReadError::NotXlsx)?;
            declared = declared.saturating_add(entry.size());
            let name = String::from_utf8_lossy(entry.name_raw()).to_lowercase();
            if names.insert(name.clone(), index).is_some() {
                return Err(ReadError::Damaged { part: name });
            }
        }
        if archive.has_duplicate_names() {
            return Err(ReadError::Damaged {
                part: String::new(),
            });
        }
        if declared > limits.max_unpacked_bytes {
            return Err(ReadError::TooMuchUnpacked {
                limit: limits.max_unpacked_bytes,
            });
        }
        if !names.contains_key(WORKBOOK) {
            return Err(ReadError::NotXlsx);
        }
        Ok(Package {
            archive,
            names,
            remaining: limits.max_unpacked_bytes,
            limit: limits.max_unpacked_bytes,
        })
    }

    /// The part's bytes, or `None` when the archive has no such part.
    ///
    /// Reads at most one byte past what the limit still allows, whatever
    /// the headers declare, and counts a part again each time it is read so
    /// a workbook pointing many sheets at one large part is bounded too.
    pub(crate) fn read(&mut self, name: &str) -> Result<Option<Vec<u8>>, ReadError> {
        let Some(&index) = self.names.get(&name.to_lowercase()) else {
            return Ok(None);
        };
        let damaged = || ReadError::Damaged {
            part: name.to_owned(),
        };
        let entry = self.archive.by_index(index).map_err(|_| damaged())?;
        let mut bytes = Vec::new();
        entry
            .take(self.remaining.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(|_| damaged())?;
        let read = to_u64(bytes.len());
        if read > self.remaining {
            return Err(ReadError::TooMuchUnpacked { limit: self.limit });
        }
        self.remaining -= read;
        Ok(Some(bytes))
    }

    pub(crate) fn workbook(&mut self) -> Result<Workbook, ReadError> {
        let xml = self.read(WORKBOOK)?.ok_or(ReadError::NotXlsx)?;
        let mut sheets = Vec::new();
        for_each_element(&xml, WORKBOOK, |name, element, decoder| {
            if name == b"sheet" {
                let sheet_name = attribute(element, decoder, WORKBOOK, |key| key == b"name")?;
                let id = attribute(element, decoder, WORKBOOK, |key| {
                    key.len() > 3 && key.ends_with(b":id")
                })?;
                let hidden = attribute(element, decoder, WORKBOOK, |key| key == b"state")?
                    .is_some_and(|state| state != "visible");
                if let (Some(sheet_name), Some(id)) = (sheet_name, id) {
                    sheets.push((sheet_name, id, hidden));
                }
            }
            Ok(())
        })?;

        let mut targets = BTreeMap::new();
        let mut shared_strings = None;
        if let Some(rels) = self.read(WORKBOOK_RELS)? {
            for_each_element(&rels, WORKBOOK_RELS, |name, element, decoder| {
                if name != b"Relationship" {
                    return Ok(());
                }
                let get = |key: &[u8]| attribute(element, decoder, WORKBOOK_RELS, |k| k == key);
                let external = get(b"TargetMode")?.is_some_and(|mode| mode == "External");
                let (Some(id), Some(target), Some(kind)) =
                    (get(b"Id")?, get(b"Target")?, get(b"Type")?)
                else {
                    return Ok(());
                };
                if external {
                    return Ok(());
                }
                let path = part_path(WORKBOOK_DIR, &target);
                if kind.ends_with("/worksheet") {
                    // The first of two relationships with one id, as for
                    // sheet names: a forged file gets no say in which wins.
                    targets.entry(id).or_insert(path);
                } else if kind.ends_with("/sharedStrings") && shared_strings.is_none() {
                    shared_strings = Some(path);
                }
                Ok(())
            })?;
        }

        Ok(Workbook {
            sheets: sheets
                .into_iter()
                .filter_map(|(name, id, hidden)| {
                    targets.get(&id).map(|path| (name, path.clone(), hidden))
                })
                .collect(),
            shared_strings: shared_strings.unwrap_or_else(|| SHARED_STRINGS.to_owned()),
        })
    }

    pub(crate) fn shared_strings(
        &mut self,
        workbook: &Workbook,
    ) -> Result<SharedStrings, ReadError> {
        match self.read(&workbook.shared_strings)? {
            Some(xml) => SharedStrings::parse(&xml, &workbook.shared_strings),
            None => Ok(SharedStrings::default()),
        }
    }
}

/// The worksheets in the workbook's order, with the part each is in.
#[derive(Debug)]
pub(crate) struct Workbook {
    /// Sheet name, part path and whether it is hidden; chart sheets and
    /// sheets whose part is not named in the relationships are left out.
    sheets: Vec<(String, String, bool)>,
    shared_strings: String,
}

impl Workbook {
    fn is_stamp(name: &str) -> bool {
        name.trim().eq_ignore_ascii_case(QUESTIONNAIRE_STAMP_SHEET)
    }

    pub(super) fn stamp_sheet(&self) -> Option<&str> {
        self.sheets
            .iter()
            .find(|(name, _, _)| Self::is_stamp(name))
            .map(|(_, path, _)| path.as_str())
    }

    /// Every visible worksheet but the stamp, in order: bidders add sheets
    /// of their own before and after the answer sheet. A hidden sheet is
    /// never read as the answers: the buyer would see other answers in
    /// Excel than those Procura imported.
    pub(crate) fn answer_candidates(&self) -> impl Iterator<Item = &str> {
        self.sheets
            .iter()
            .filter(|(name, _, hidden)| !hidden && !Self::is_stamp(name))
            .map(|(_, path, _)| path.as_str())
    }
}

/// A relationship target as a part name: relative to `base` or, with a
/// leading slash, to the package root.
fn part_path(base: &str, target: &str) -> String {
    let target = target.replace('\\', "/");
    let joined = match target.strip_prefix('/') {
        Some(absolute) => absolute.to_owned(),
        None => format!("{base}/{target}"),
    };
    let mut segments: Vec<&str> = Vec::new();
    for segment in joined.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            segment => segments.push(segment),
        }
    }
    segments.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relationship_targets_become_part_names() {
        assert_eq!(
            part_path("xl", "worksheets/sheet1.xml"),
            "xl/worksheets/sheet1.xml"
        );
        assert_eq!(
            part_path("xl", "/xl/worksheets/sheet1.xml"),
            "xl/worksheets/sheet1.xml"
        );
        assert_eq!(
            part_path("xl", "./worksheets/../worksheets/sheet2.xml"),
            "xl/worksheets/sheet2.xml"
        );
        assert_eq!(part_path("xl", "..\\..\\..\\etc\\passwd"), "etc/passwd");
    }
}

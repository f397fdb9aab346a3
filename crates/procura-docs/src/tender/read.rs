//! Reading a filled questionnaire back.
//!
//! The file comes from a bidder, so it is hostile input: every size is
//! bounded before anything is unpacked or parsed, a decompressed part is
//! counted as it is read (a zip bomb's headers may lie), no DTD is accepted
//! (so no entity can expand), and formulas are refused rather than evaluated
//! because their cached value is whatever the bidder's tool wrote and
//! recalculation could give the buyer a different answer.
//!
//! It is also input that people edited by hand, so the reader does not rely
//! on the layout Procura wrote: the answer sheet and its columns are found by
//! their titles in French or English, and extra sheets, extra columns,
//! reordered and blank rows and stray spaces are accepted.

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

use procura_domain::Lang;
use procura_i18n::{Arg, text, text_with};
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesStart, Event};
use quick_xml::{Decoder, Reader, XmlVersion};
use zip::ZipArchive;

use super::questionnaire::QUESTIONNAIRE_STAMP_SHEET;

/// The part every XLSX file has; without it the file is something else
/// packaged as a zip (a DOCX, an ODS, an archive).
const WORKBOOK: &str = "xl/workbook.xml";
const WORKBOOK_RELS: &str = "xl/_rels/workbook.xml.rels";
/// Where targets of the workbook's relationships are relative to.
const WORKBOOK_DIR: &str = "xl";
/// Where Excel and rust_xlsxwriter put the shared strings when the
/// relationships do not say.
const SHARED_STRINGS: &str = "xl/sharedStrings.xml";

/// The header row sits at row 5 in what Procura writes; bidders add lines
/// above it, but a header further down than this is not ours.
const HEADER_SCAN_ROWS: u32 = 30;
/// The stamp has eight rows; anything past this is noise not worth reading.
const STAMP_ROWS: u32 = 100;
/// Enough cells to find the formulas in the file; listing hundreds would not
/// help the buyer.
const FORMULA_CELLS_SHOWN: usize = 20;
/// The spreadsheet grid's bounds (XFD1048576): a reference past them is
/// forged.
const MAX_COLUMN: u32 = 16_384;
const MAX_ROW: u32 = 1_048_576;
/// Excel's own limit is 32,767 characters a cell; in UTF-8 that is at most
/// four times as many bytes. A longer cell was not typed in a spreadsheet.
const MAX_CELL_BYTES: usize = 32_767 * 4;
/// A questionnaire row has eight cells; a row with hundreds was forged.
const MAX_CELLS_PER_ROW: usize = 512;
/// The text one pass over a sheet may extract: a shared string is stored
/// once but may be referenced by every cell, so the unpacked size alone
/// does not bound what the cells add up to.
const MAX_TEXT_BYTES: u64 = 64 << 20;

const STAMP_FORMAT: &str = "procura-questionnaire";

/// Bounds on what a bidder's file may cost to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadLimits {
    /// Size of the uploaded file.
    pub max_file_bytes: usize,
    /// Parts in the zip archive; a questionnaire has about a dozen.
    pub max_entries: usize,
    /// Decompressed size of all the parts together, as declared and as read.
    pub max_unpacked_bytes: u64,
    /// Non-blank rows under the header of the answer sheet.
    pub max_rows: u32,
}

impl Default for ReadLimits {
    /// Far above a real questionnaire (a few hundred requirements, well
    /// under 1 MiB) and far below what would strain the server.
    fn default() -> Self {
        ReadLimits {
            max_file_bytes: 10 << 20,
            max_entries: 200,
            max_unpacked_bytes: 64 << 20,
            max_rows: 5_000,
        }
    }
}

/// What a bidder answered, as found in the file, before it is matched to
/// the requirements asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilledQuestionnaire {
    /// The hidden stamp's key/value rows (`project`, `version`, `checksum`,
    /// `lang`…), which tie the file to the requirement list it was made from.
    pub stamp: BTreeMap<String, String>,
    /// The rows with a requirement id, in the file's order.
    pub rows: Vec<FilledRow>,
}

/// One answered requirement; every value is trimmed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilledRow {
    /// The spreadsheet's row number (1-based), to point the buyer at the row.
    pub row: u32,
    pub code: String,
    /// The answer word as typed, in either language; matching it to an
    /// answer is the caller's business.
    pub response: String,
    pub comment: String,
    pub evidence_ref: String,
}

/// Why a bidder's file was refused.
#[derive(Debug, Clone, thiserror::Error, PartialEq, Eq)]
pub enum ReadError {
    #[error("the file is {size} bytes, more than the limit of {limit}")]
    FileTooLarge { size: usize, limit: usize },
    #[error("the file is not an XLSX workbook")]
    NotXlsx,
    #[error("the archive holds {count} parts, more than the limit of {limit}")]
    TooManyEntries { count: usize, limit: usize },
    #[error("the archive unpacks to more than {limit} bytes")]
    TooMuchUnpacked { limit: u64 },
    /// A part that cannot be unpacked as its headers declare: a bad checksum,
    /// a size that lies, duplicate names, encryption, an unknown compression.
    /// `part` is empty when the archive repeats a name exactly.
    #[error("part {part:?} of the archive cannot be unpacked as declared")]
    Damaged { part: String },
    /// Not well-formed XML, an entity other than the five predefined ones, a
    /// DTD, or a cell reference outside the grid.
    #[error("part {part:?} is not well-formed spreadsheet XML")]
    Malformed { part: String },
    #[error("the workbook has no Procura stamp sheet")]
    NoStamp,
    #[error("no sheet has a header row with the requirement and answer columns")]
    NoAnswerSheet,
    #[error("the answer sheet has more than {limit} rows")]
    TooManyRows { limit: u32 },
    /// A cell longer than a spreadsheet program can hold.
    #[error("cell {cell} holds more text than a spreadsheet cell can")]
    CellTooLong { cell: String },
    /// `cells` lists the first few cells, `count` is how many there are.
    #[error("the answer sheet has {count} formulas, in {}", .cells.join(", "))]
    Formulas { cells: Vec<String>, count: usize },
}

impl ReadError {
    /// What to tell the buyer who uploaded the file.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            ReadError::FileTooLarge { limit, .. } => text_with(
                lang,
                "bid-import-file-too-large",
                &[("limit", size_text(to_u64(*limit), lang).into())],
            ),
            ReadError::NotXlsx => text(lang, "bid-import-not-xlsx"),
            ReadError::TooManyEntries { limit, .. } => text_with(
                lang,
                "bid-import-too-many-entries",
                &[("limit", grouped(to_u64(*limit), lang).into())],
            ),
            ReadError::TooMuchUnpacked { limit } => text_with(
                lang,
                "bid-import-too-much-unpacked",
                &[("limit", size_text(*limit, lang).into())],
            ),
            ReadError::Damaged { .. } => text(lang, "bid-import-damaged"),
            ReadError::Malformed { .. } => text(lang, "bid-import-malformed"),
            ReadError::NoStamp => text(lang, "bid-import-no-stamp"),
            ReadError::NoAnswerSheet => text_with(
                lang,
                "bid-import-no-answer-sheet",
                &[
                    ("id", text(lang, "tender-q-col-id").into()),
                    ("response", text(lang, "tender-q-col-response").into()),
                ],
            ),
            ReadError::TooManyRows { limit } => text_with(
                lang,
                "bid-import-too-many-rows",
                &[("limit", grouped(u64::from(*limit), lang).into())],
            ),
            ReadError::CellTooLong { cell } => text_with(
                lang,
                "bid-import-cell-too-long",
                &[("cell", Arg::Text(cell.clone()))],
            ),
            ReadError::Formulas { cells, count } => {
                let mut list = cells.join(", ");
                if *count > cells.len() {
                    list.push_str(", …");
                }
                text_with(
                    lang,
                    "bid-import-formulas",
                    &[
                        ("count", (*count).into()),
                        ("total", grouped(to_u64(*count), lang).into()),
                        ("cells", Arg::Text(list)),
                    ],
                )
            }
        }
    }
}

fn to_u64(value: usize) -> u64 {
    u64::try_from(value).unwrap_or(u64::MAX)
}

/// A count as the buyer writes it: `5,000` in English, `5 000` in French.
fn grouped(value: u64, lang: Lang) -> String {
    let digits = value.to_string();
    let separator = match lang {
        Lang::Fr => '\u{a0}',
        Lang::En => ',',
    };
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(digit);
    }
    out
}

/// A limit in the largest binary unit that divides it, so the default reads
/// `10 MiB` and a lowered one stays exact.
fn size_text(bytes: u64, lang: Lang) -> String {
    const KIB: u64 = 1 << 10;
    const MIB: u64 = 1 << 20;
    let (value, unit) = match (lang, bytes) {
        (Lang::Fr, b) if b >= MIB && b % MIB == 0 => (b / MIB, "Mio"),
        (Lang::En, b) if b >= MIB && b % MIB == 0 => (b / MIB, "MiB"),
        (Lang::Fr, b) if b >= KIB && b % KIB == 0 => (b / KIB, "Kio"),
        (Lang::En, b) if b >= KIB && b % KIB == 0 => (b / KIB, "KiB"),
        (Lang::Fr, b) => (b, "octets"),
        (Lang::En, b) => (b, "bytes"),
    };
    let space = match lang {
        Lang::Fr => '\u{a0}',
        Lang::En => ' ',
    };
    format!("{}{space}{unit}", grouped(value, lang))
}

/// Reads a questionnaire a bidder filled in.
///
/// Only values are read: formulas are refused, and nothing else in the file
/// (macros, links, styles) is looked at.
pub fn read_questionnaire(
    bytes: &[u8],
    limits: &ReadLimits,
) -> Result<FilledQuestionnaire, ReadError> {
    let mut package = Package::open(bytes, limits)?;
    let workbook = package.workbook()?;
    let strings = package.shared_strings(&workbook)?;

    let stamp = match workbook.stamp_sheet() {
        Some(path) => match package.read(path)? {
            Some(xml) => read_stamp(&xml, path, &strings)?,
            None => return Err(ReadError::NoStamp),
        },
        None => return Err(ReadError::NoStamp),
    };
    if stamp.get("format").map(String::as_str) != Some(STAMP_FORMAT) {
        return Err(ReadError::NoStamp);
    }

    for path in workbook.answer_candidates() {
        let Some(xml) = package.read(path)? else {
            continue;
        };
        if let Some(header) = find_header(&xml, path, &strings)? {
            let rows = read_answers(&xml, path, &strings, &header, limits.max_rows)?;
            return Ok(FilledQuestionnaire { stamp, rows });
        }
    }
    Err(ReadError::NoAnswerSheet)
}

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

    fn stamp_sheet(&self) -> Option<&str> {
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

/// The shared string table, kept as one buffer and the end of each string:
/// a hostile table of millions of empty strings then costs a few bytes
/// each instead of a `String` each.
#[derive(Debug, Default)]
pub(crate) struct SharedStrings {
    text: String,
    ends: Vec<usize>,
}

impl SharedStrings {
    fn parse(xml: &[u8], part: &str) -> Result<Self, ReadError> {
        let mut strings = SharedStrings::default();
        let mut xml_reader = Xml::new(xml, part);
        let mut in_item = false;
        let mut in_text = false;
        let mut phonetic = 0usize;
        loop {
            match xml_reader.next()? {
                Event::Start(element) => match element.local_name().as_ref() {
                    b"si" => in_item = true,
                    b"rPh" => phonetic += 1,
                    b"t" if in_item && phonetic == 0 => in_text = true,
                    _ => {}
                },
                Event::Empty(element) if element.local_name().as_ref() == b"si" => {
                    strings.ends.push(strings.text.len());
                }
                Event::End(element) => match element.local_name().as_ref() {
                    b"si" => {
                        in_item = false;
                        strings.ends.push(strings.text.len());
                    }
                    b"rPh" => phonetic = phonetic.saturating_sub(1),
                    b"t" => in_text = false,
                    _ => {}
                },
                Event::Eof => break,
                event => {
                    let mut text = String::new();
                    xml_reader.push_text(&event, &mut text)?;
                    if in_text {
                        strings.text.push_str(&text);
                    }
                }
            }
        }
        Ok(strings)
    }

    pub(crate) fn get(&self, index: usize) -> Option<&str> {
        let end = *self.ends.get(index)?;
        let start = match index.checked_sub(1) {
            Some(previous) => *self.ends.get(previous)?,
            None => 0,
        };
        self.text.get(start..end)
    }
}

/// An XML part read event by event, refusing what a spreadsheet part never
/// holds and what could make parsing cost more than the part's size: a DTD
/// (and with it any entity beyond the five predefined ones).
struct Xml<'x> {
    reader: Reader<&'x [u8]>,
    part: &'x str,
    depth: usize,
}

impl<'x> Xml<'x> {
    fn new(xml: &'x [u8], part: &'x str) -> Self {
        Xml {
            reader: Reader::from_reader(xml),
            part,
            depth: 0,
        }
    }

    fn malformed(&self) -> ReadError {
        malformed(self.part)
    }

    fn decoder(&self) -> Decoder {
        self.reader.decoder()
    }

    fn next(&mut self) -> Result<Event<'x>, ReadError> {
        let event = self.reader.read_event().map_err(|_| self.malformed())?;
        match &event {
            Event::DocType(_) => return Err(self.malformed()),
            Event::Start(_) => self.depth += 1,
            Event::End(_) => {
                self.depth = self.depth.checked_sub(1).ok_or_else(|| self.malformed())?;
            }
            // Quick-xml stops quietly at the end of input; a part cut short
            // is damaged, not shorter.
            Event::Eof if self.depth != 0 => return Err(self.malformed()),
            _ => {}
        }
        Ok(event)
    }

    /// Appends the character data `event` stands for, if any.
    fn push_text(&self, event: &Event<'_>, out: &mut String) -> Result<(), ReadError> {
        match event {
            Event::Text(text) => {
                out.push_str(&text.xml10_content().map_err(|_| self.malformed())?);
            }
            Event::CData(data) => {
                out.push_str(&data.decode().map_err(|_| self.malformed())?);
            }
            Event::GeneralRef(reference) => {
                if let Some(character) =
                    reference.resolve_char_ref().map_err(|_| self.malformed())?
                {
                    out.push(character);
                } else {
                    let name = reference.decode().map_err(|_| self.malformed())?;
                    let value = resolve_predefined_entity(&name).ok_or_else(|| self.malformed())?;
                    out.push_str(value);
                }
            }
            _ => {}
        }
        Ok(())
    }
}

fn malformed(part: &str) -> ReadError {
    ReadError::Malformed {
        part: part.to_owned(),
    }
}

/// Calls `visit` with the local name of every element that opens in `xml`.
fn for_each_element(
    xml: &[u8],
    part: &str,
    mut visit: impl FnMut(&[u8], &BytesStart<'_>, Decoder) -> Result<(), ReadError>,
) -> Result<(), ReadError> {
    let mut reader = Xml::new(xml, part);
    loop {
        match reader.next()? {
            Event::Start(element) | Event::Empty(element) => {
                visit(element.local_name().as_ref(), &element, reader.decoder())?;
            }
            Event::Eof => return Ok(()),
            event => {
                // Still resolve references so an unknown entity is refused
                // wherever it is.
                reader.push_text(&event, &mut String::new())?;
            }
        }
    }
}

/// The value of the first attribute whose qualified name `matches`.
fn attribute(
    element: &BytesStart<'_>,
    decoder: Decoder,
    part: &str,
    matches: impl Fn(&[u8]) -> bool,
) -> Result<Option<String>, ReadError> {
    for attribute in element.attributes() {
        let attribute = attribute.map_err(|_| malformed(part))?;
        if matches(attribute.key.as_ref()) {
            let value = attribute
                .decoded_and_normalized_value(XmlVersion::Implicit1_0, decoder)
                .map_err(|_| malformed(part))?;
            return Ok(Some(value.into_owned()));
        }
    }
    Ok(None)
}

/// A cell reference such as `F12`: the 0-based column and, when given, the
/// row number.
pub(crate) fn parse_cell_ref(reference: &str) -> Option<(u32, Option<u32>)> {
    let reference = reference.trim();
    let letters = reference
        .bytes()
        .take_while(u8::is_ascii_alphabetic)
        .count();
    if letters == 0 || letters > 3 {
        return None;
    }
    let (column_part, row_part) = reference.split_at(letters);
    let mut column: u32 = 0;
    for letter in column_part.bytes() {
        column = column * 26 + u32::from(letter.to_ascii_uppercase() - b'A') + 1;
    }
    if column > MAX_COLUMN {
        return None;
    }
    let row = if row_part.is_empty() {
        None
    } else {
        Some(parse_row_number(row_part)?)
    };
    Some((column - 1, row))
}

fn parse_row_number(text: &str) -> Option<u32> {
    if !text.bytes().all(|byte| byte.is_ascii_digit()) {
        return None;
    }
    let row: u32 = text.parse().ok()?;
    (1..=MAX_ROW).contains(&row).then_some(row)
}

/// The reference of a cell, `F12`, from its 0-based column.
pub(crate) fn cell_ref(column: u32, row: u32) -> String {
    let mut letters = Vec::new();
    let mut rest = column + 1;
    while rest > 0 {
        let digit = (rest - 1) % 26;
        letters.push(char::from(b'A' + u8::try_from(digit).unwrap_or(0)));
        rest = (rest - 1) / 26;
    }
    letters.iter().rev().collect::<String>() + &row.to_string()
}

/// A cell's value, trimmed, and whether it holds a formula.
#[derive(Debug)]
pub(crate) struct Cell {
    pub(crate) column: u32,
    pub(crate) value: String,
    pub(crate) formula: bool,
}

#[derive(Debug)]
pub(crate) struct Row {
    pub(crate) number: u32,
    pub(crate) cells: Vec<Cell>,
}

impl Row {
    fn value(&self, column: u32) -> &str {
        self.cells
            .iter()
            .find(|cell| cell.column == column)
            .map_or("", |cell| cell.value.as_str())
    }
}

/// Whether to read on after a row.
#[derive(Debug, PartialEq, Eq)]
enum Flow {
    Continue,
    Stop,
}

#[derive(Debug, Clone, Copy)]
enum CellType {
    Shared,
    Inline,
    Boolean,
    Number,
    /// A formula's string result, an error value, an ISO date: the text as
    /// written.
    Raw,
}

/// Calls `visit` with each row of a worksheet, in the file's order, one row
/// at a time so a huge sheet is never held in memory.
fn scan_rows(
    xml: &[u8],
    part: &str,
    strings: &SharedStrings,
    mut visit: impl FnMut(Row) -> Result<Flow, ReadError>,
) -> Result<(), ReadError> {
    let mut reader = Xml::new(xml, part);
    let mut in_sheet_data = false;
    let mut row: Option<Row> = None;
    // Whether the row's number came from the file rather than its position.
    let mut row_numbered = false;
    let mut last_row: u32 = 0;
    let mut cell: Option<(u32, CellType, bool)> = None;
    let mut value = String::new();
    let mut inline = String::new();
    let mut capture_value = false;
    let mut capture_inline = false;
    let mut in_inline = false;
    let mut phonetic = 0usize;
    let mut extracted: u64 = 0;

    loop {
        let event = reader.next()?;
        let (element, empty) = match &event {
            Event::Start(element) => (Some(element), false),
            Event::Empty(element) => (Some(element), true),
            _ => (None, false),
        };
        if let Some(element) = element {
            match element.local_name().as_ref() {
                b"sheetData" => in_sheet_data = !empty,
                b"row" if in_sheet_data => {
                    let number = attribute(element, reader.decoder(), part, |key| key == b"r")?;
                    row_numbered = number.is_some();
                    let number = match number {
                        Some(number) => {
                            parse_row_number(number.trim()).ok_or_else(|| malformed(part))?
                        }
                        None => last_row
                            .checked_add(1)
                            .filter(|row| *row <= MAX_ROW)
                            .ok_or_else(|| malformed(part))?,
                    };
                    last_row = number;
                    let started = Row {
                        number,
                        cells: Vec::new(),
                    };
                    if empty {
                        if visit(started)? == Flow::Stop {
                            return Ok(());
                        }
                    } else {
                        row = Some(started);
                    }
                }
                b"c" => {
                    let Some(current) = row.as_mut() else {
                        continue;
                    };
                    let decoder = reader.decoder();
                    let reference = attribute(element, decoder, part, |key| key == b"r")?;
                    let column = match reference {
                        Some(reference) => {
                            let (column, number) =
                                parse_cell_ref(&reference).ok_or_else(|| malformed(part))?;
                            if let (false, Some(number)) = (row_numbered, number) {
                                current.number = number;
                                last_row = number;
                                row_numbered = true;
                            }
                            column
                        }
                        None => match current.cells.last() {
                            Some(previous) => previous.column + 1,
                            None => 0,
                        },
                    };
                    if column >= MAX_COLUMN {
                        return Err(malformed(part));
                    }
                    let kind =
                        match attribute(element, decoder, part, |key| key == b"t")?.as_deref() {
                            Some("s") => CellType::Shared,
                            Some("inlineStr") => CellType::Inline,
                            Some("b") => CellType::Boolean,
                            Some("n") | None => CellType::Number,
                            Some(_) => CellType::Raw,
                        };
                    value.clear();
                    inline.clear();
                    in_inline = false;
                    phonetic = 0;
                    if current.cells.len() >= MAX_CELLS_PER_ROW
                        || current.cells.iter().any(|cell| cell.column == column)
                    {
                        return Err(malformed(part));
                    }
                    if empty {
                        current.cells.push(Cell {
                            column,
                            value: String::new(),
                            formula: false,
                        });
                    } else {
                        cell = Some((column, kind, false));
                    }
                }
                b"f" => {
                    if let Some((_, _, formula)) = cell.as_mut() {
                        *formula = true;
                    }
                }
                b"v" if cell.is_some() && !empty => capture_value = true,
                b"is" if cell.is_some() && !empty => in_inline = true,
                b"rPh" if in_inline && !empty => phonetic += 1,
                b"t" if in_inline && phonetic == 0 && !empty => capture_inline = true,
                _ => {}
            }
            continue;
        }
        match event {
            Event::End(element) => match element.local_name().as_ref() {
                b"sheetData" => return Ok(()),
                b"row" => {
                    if let Some(finished) = row.take()
                        && visit(finished)? == Flow::Stop
                    {
                        return Ok(());
                    }
                }
                b"c" => {
                    if let (Some((column, kind, formula)), Some(current)) =
                        (cell.take(), row.as_mut())
                    {
                        let text = cell_text(kind, &value, &inline, strings)
                            .ok_or_else(|| malformed(part))?;
                        if text.len() > MAX_CELL_BYTES {
                            return Err(ReadError::CellTooLong {
                                cell: cell_ref(column, current.number),
                            });
                        }
                        extracted += u64::try_from(text.len()).unwrap_or(u64::MAX);
                        if extracted > MAX_TEXT_BYTES {
                            return Err(ReadError::TooMuchUnpacked {
                                limit: MAX_TEXT_BYTES,
                            });
                        }
                        current.cells.push(Cell {
                            column,
                            value: text,
                            formula,
                        });
                    }
                }
                b"v" => capture_value = false,
                b"t" => capture_inline = false,
                b"is" => in_inline = false,
                b"rPh" => phonetic = phonetic.saturating_sub(1),
                _ => {}
            },
            Event::Eof => return Ok(()),
            event => {
                if capture_value {
                    reader.push_text(&event, &mut value)?;
                } else if capture_inline {
                    reader.push_text(&event, &mut inline)?;
                } else {
                    // Still resolved, so an unknown entity is refused
                    // wherever it is.
                    reader.push_text(&event, &mut String::new())?;
                }
            }
        }
    }
}

/// The text a cell shows, or `None` for a shared string index that is not
/// in the table.
fn cell_text(kind: CellType, value: &str, inline: &str, strings: &SharedStrings) -> Option<String> {
    let text = match kind {
        CellType::Shared => strings.get(value.trim().parse().ok()?)?.to_owned(),
        CellType::Inline if inline.is_empty() => value.to_owned(),
        CellType::Inline => inline.to_owned(),
        CellType::Boolean => match value.trim() {
            "1" => "TRUE".to_owned(),
            "0" => "FALSE".to_owned(),
            other => other.to_owned(),
        },
        CellType::Number => number_text(value.trim()),
        CellType::Raw => value.to_owned(),
    };
    Some(text.trim().to_owned())
}

/// A number as a person would type it: `3`, not the `3.0` a float prints.
fn number_text(raw: &str) -> String {
    match raw.parse::<f64>() {
        Ok(0.0) => "0".to_owned(),
        Ok(number) if number.is_finite() && number.fract() == 0.0 && number.abs() < 1e15 => {
            format!("{number:.0}")
        }
        Ok(number) if number.is_finite() => number.to_string(),
        _ => raw.to_owned(),
    }
}

/// Where the answer sheet's columns are, found by their titles.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Header {
    pub(crate) row: u32,
    pub(crate) id: u32,
    pub(crate) response: u32,
    pub(crate) comment: Option<u32>,
    pub(crate) evidence_ref: Option<u32>,
}

/// A header title as compared: trimmed, runs of whitespace collapsed,
/// lower-cased, typographic apostrophes made straight (Excel's autocorrect
/// turns one into the other).
fn normalise_title(title: &str) -> String {
    title
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('\u{2019}', "'")
        .to_lowercase()
}

fn titles(key: &str) -> [String; 2] {
    [
        normalise_title(&text(Lang::Fr, key)),
        normalise_title(&text(Lang::En, key)),
    ]
}

fn header_of(row: &Row) -> Option<Header> {
    let id = titles("tender-q-col-id");
    let response = titles("tender-q-col-response");
    let comment = titles("tender-q-col-comment");
    let evidence_ref = titles("tender-q-col-evidence-ref");
    let find = |wanted: &[String; 2]| {
        row.cells
            .iter()
            .find(|cell| wanted.contains(&normalise_title(&cell.value)))
            .map(|cell| cell.column)
    };
    Some(Header {
        row: row.number,
        id: find(&id)?,
        response: find(&response)?,
        comment: find(&comment),
        evidence_ref: find(&evidence_ref),
    })
}

/// The header row of a worksheet, if it has one near the top.
pub(crate) fn find_header(
    xml: &[u8],
    part: &str,
    strings: &SharedStrings,
) -> Result<Option<Header>, ReadError> {
    let mut header = None;
    scan_rows(xml, part, strings, |row| {
        if row.number > HEADER_SCAN_ROWS {
            return Ok(Flow::Stop);
        }
        header = header_of(&row);
        Ok(if header.is_some() {
            Flow::Stop
        } else {
            Flow::Continue
        })
    })?;
    Ok(header)
}

fn read_answers(
    xml: &[u8],
    part: &str,
    strings: &SharedStrings,
    header: &Header,
    max_rows: u32,
) -> Result<Vec<FilledRow>, ReadError> {
    let mut rows = Vec::new();
    let mut data_rows: u32 = 0;
    let mut formulas = Vec::new();
    let mut formula_count = 0usize;
    scan_rows(xml, part, strings, |row| {
        if row.number <= header.row {
            return Ok(Flow::Continue);
        }
        for cell in row.cells.iter().filter(|cell| cell.formula) {
            formula_count += 1;
            if formulas.len() < FORMULA_CELLS_SHOWN {
                formulas.push(cell_ref(cell.column, row.number));
            }
        }
        if row.cells.iter().all(|cell| cell.value.is_empty()) {
            return Ok(Flow::Continue);
        }
        data_rows += 1;
        if data_rows > max_rows {
            return Err(ReadError::TooManyRows { limit: max_rows });
        }
        let code = row.value(header.id);
        if code.is_empty() {
            return Ok(Flow::Continue);
        }
        let optional = |column: Option<u32>| column.map_or("", |column| row.value(column));
        rows.push(FilledRow {
            row: row.number,
            code: code.to_owned(),
            response: row.value(header.response).to_owned(),
            comment: optional(header.comment).to_owned(),
            evidence_ref: optional(header.evidence_ref).to_owned(),
        });
        Ok(Flow::Continue)
    })?;
    if formula_count > 0 {
        return Err(ReadError::Formulas {
            cells: formulas,
            count: formula_count,
        });
    }
    Ok(rows)
}

/// The stamp's key/value rows, columns A and B.
fn read_stamp(
    xml: &[u8],
    part: &str,
    strings: &SharedStrings,
) -> Result<BTreeMap<String, String>, ReadError> {
    let mut stamp = BTreeMap::new();
    let mut seen: u32 = 0;
    scan_rows(xml, part, strings, |row| {
        seen += 1;
        if seen > STAMP_ROWS {
            return Ok(Flow::Stop);
        }
        let key = row.value(0);
        if !key.is_empty() {
            stamp
                .entry(key.to_owned())
                .or_insert_with(|| row.value(1).to_owned());
        }
        Ok(Flow::Continue)
    })?;
    Ok(stamp)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_references_round_trip() {
        for (reference, column, row) in [
            ("A1", 0, 1),
            ("F12", 5, 12),
            ("Z3", 25, 3),
            ("AA7", 26, 7),
            ("XFD1048576", 16_383, 1_048_576),
        ] {
            assert_eq!(parse_cell_ref(reference), Some((column, Some(row))));
            assert_eq!(cell_ref(column, row), reference);
        }
        assert_eq!(parse_cell_ref("f12"), Some((5, Some(12))));
        assert_eq!(parse_cell_ref("C"), Some((2, None)));
        for forged in ["", "12", "XFE1", "A0", "A1048577", "ABCD1", "A1B", "A-1"] {
            assert_eq!(parse_cell_ref(forged), None, "{forged}");
        }
    }

    #[test]
    fn numbers_read_as_typed() {
        assert_eq!(number_text("3"), "3");
        assert_eq!(number_text("3.0"), "3");
        assert_eq!(number_text("-0"), "0");
        assert_eq!(number_text("2.5"), "2.5");
        assert_eq!(number_text("1E3"), "1000");
        assert_eq!(number_text("abc"), "abc");
    }

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

    #[test]
    fn limits_are_named_in_the_reader_s_units() {
        assert_eq!(size_text(10 << 20, Lang::En), "10 MiB");
        assert_eq!(size_text(10 << 20, Lang::Fr), "10\u{a0}Mio");
        assert_eq!(size_text(1_500, Lang::En), "1,500 bytes");
        assert_eq!(grouped(5_000, Lang::En), "5,000");
        assert_eq!(grouped(5_000, Lang::Fr), "5\u{a0}000");
        assert_eq!(grouped(123_456_789, Lang::En), "123,456,789");
        assert_eq!(grouped(12, Lang::En), "12");
    }

    #[test]
    fn titles_match_whatever_the_spacing_and_case() {
        assert_eq!(
            normalise_title("  Référence   du\tjustificatif "),
            "référence du justificatif"
        );
        assert_eq!(
            normalise_title("INTITULÉ DE L\u{2019}EXIGENCE"),
            "intitulé de l'exigence"
        );
    }
}

//! The workbook's shared string table.

use quick_xml::events::Event;

use super::error::ReadError;
use super::xml::Xml;

/// The shared string table, kept as one buffer and the end of each string:
/// a hostile table of millions of empty strings then costs a few bytes
/// each instead of a `String` each.
#[derive(Debug, Default)]
pub(crate) struct SharedStrings {
    text: String,
    ends: Vec<usize>,
}

impl SharedStrings {
    pub(super) fn parse(xml: &[u8], part: &str) -> Result<Self, ReadError> {
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

//! XML parts read event by event, refusing DTDs and unknown entities.

use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesStart, Event};
use quick_xml::{Decoder, Reader, XmlVersion};

use super::error::ReadError;

/// An XML part read event by event, refusing what a spreadsheet part never
/// holds and what could make parsing cost more than the part's size: a DTD
/// (and with it any entity beyond the five predefined ones).
pub(super) struct Xml<'x> {
    reader: Reader<&'x [u8]>,
    part: &'x str,
    depth: usize,
}

impl<'x> Xml<'x> {
    pub(super) fn new(xml: &'x [u8], part: &'x str) -> Self {
        Xml {
            reader: Reader::from_reader(xml),
            part,
            depth: 0,
        }
    }

    fn malformed(&self) -> ReadError {
        malformed(self.part)
    }

    pub(super) fn decoder(&self) -> Decoder {
        self.reader.decoder()
    }

    pub(super) fn next(&mut self) -> Result<Event<'x>, ReadError> {
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
    pub(super) fn push_text(&self, event: &Event<'_>, out: &mut String) -> Result<(), ReadError> {
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

pub(super) fn malformed(part: &str) -> ReadError {
    ReadError::Malformed {
        part: part.to_owned(),
    }
}

/// Calls `visit` with the local name of every element that opens in `xml`.
pub(super) fn for_each_element(
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
pub(super) fn attribute(
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

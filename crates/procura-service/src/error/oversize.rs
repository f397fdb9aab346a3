//! An imported archive refused for what it would unpack to, with the limit
//! it went past, so the message can say how large a file may be.

/// An archive refused for what it would unpack to, before it is unpacked
/// any further.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Oversize {
    #[error("{name} unpacks to more than {limit} bytes")]
    Entry { name: String, limit: u64 },
    #[error("the archive unpacks to more than {limit} bytes")]
    Total { limit: u64 },
    #[error("the archive holds more than {limit} entries")]
    Entries { limit: usize },
    #[error("{name} unpacks to more than {limit} times its packed size")]
    Ratio { name: String, limit: u64 },
}

impl Oversize {
    /// The i18n key of the message.
    pub fn key(&self) -> &'static str {
        match self {
            Oversize::Entry { .. } => "import-entry-too-large",
            Oversize::Total { .. } => "import-too-much-unpacked",
            Oversize::Entries { .. } => "import-too-many-entries",
            Oversize::Ratio { .. } => "import-compression-ratio",
        }
    }

    /// The message's arguments: the entry's name, the limit, and for sizes
    /// the unit the limit is given in (`mib`, `kib` or `bytes`).
    pub fn args(&self) -> Vec<(&'static str, String)> {
        match self {
            Oversize::Entry { name, limit } => {
                let (value, unit) = size_in_units(*limit);
                vec![
                    ("name", name.clone()),
                    ("limit", value.to_string()),
                    ("unit", unit.to_owned()),
                ]
            }
            Oversize::Total { limit } => {
                let (value, unit) = size_in_units(*limit);
                vec![("limit", value.to_string()), ("unit", unit.to_owned())]
            }
            Oversize::Entries { limit } => vec![("limit", limit.to_string())],
            Oversize::Ratio { name, limit } => {
                vec![("name", name.clone()), ("limit", limit.to_string())]
            }
        }
    }
}

/// A size in the largest binary unit that divides it exactly.
fn size_in_units(bytes: u64) -> (u64, &'static str) {
    const KIB: u64 = 1 << 10;
    const MIB: u64 = 1 << 20;
    match bytes {
        b if b >= MIB && b % MIB == 0 => (b / MIB, "mib"),
        b if b >= KIB && b % KIB == 0 => (b / KIB, "kib"),
        b => (b, "bytes"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_read_in_whole_units() {
        assert_eq!(size_in_units(25 << 20), (25, "mib"));
        assert_eq!(size_in_units(64 << 10), (64, "kib"));
        assert_eq!(size_in_units(1000), (1000, "bytes"));
    }
}

//! Packaging a project export: JSON alone, or a zip archive holding
//! `project.json` and the evidence files.
//!
//! Reading one back trusts nothing the archive declares. The entry count is
//! bounded before the central directory is parsed; every entry is inflated
//! as a stream and its bytes counted as they come, against the upload limit
//! per entry, a total for the archive and a ratio to its packed size — so a
//! small archive that unpacks to gigabytes is refused after a few megabytes.

use std::io::{Cursor, Read, Write};

use sha2::{Digest, Sha256};

pub use crate::error::Oversize;
use crate::transfer::ProjectExport;
use crate::{Invalid, ServiceError};

const MANIFEST: &str = "project.json";

/// Evidence file contents by (item, evidence) position in the export.
pub type EvidenceFiles = Vec<(usize, usize, Vec<u8>)>;

/// The signature that opens every central directory record of a zip.
const CENTRAL_RECORD: &[u8; 4] = b"PK\x01\x02";

/// Below this many unpacked bytes an entry is not held to the ratio: small
/// text compresses well and harms no one.
const RATIO_FLOOR: u64 = 1 << 20;

/// How far an imported file may unpack.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImportLimits {
    /// The most one entry may unpack to: the upload limit, so a file inside
    /// an archive is held to the same limit as a file uploaded alone.
    pub max_entry_bytes: u64,
    /// The most all entries read may unpack to together.
    pub max_total_bytes: u64,
    /// The most entries the archive may hold.
    pub max_entries: usize,
    /// The most an entry may unpack to per byte it takes in the archive.
    pub max_ratio: u64,
}

impl ImportLimits {
    /// The limits for an instance whose upload limit is `max_upload_bytes`.
    /// The total leaves room for several evidence files of the largest size;
    /// the count is far above any project's evidence; real documents do not
    /// compress a hundredfold.
    pub fn for_upload_limit(max_upload_bytes: usize) -> ImportLimits {
        let max = u64::try_from(max_upload_bytes).unwrap_or(u64::MAX);
        ImportLimits {
            max_entry_bytes: max,
            max_total_bytes: max.saturating_mul(4),
            max_entries: 5_000,
            max_ratio: 100,
        }
    }
}

/// A file to import: the export it holds, the evidence files found in it,
/// and the SHA-256 of the file as received.
#[derive(Debug, Clone)]
pub struct ImportFile {
    pub export: ProjectExport,
    pub files: EvidenceFiles,
    pub sha256: String,
}

/// The archive path of one evidence file, from its position in the export.
fn file_path(item: usize, evidence: usize, name: &str) -> String {
    format!("evidence/{item:03}-{evidence:02}-{name}")
}

fn internal(error: impl std::fmt::Display) -> ServiceError {
    ServiceError::Internal(format!("packaging failed: {error}"))
}

fn invalid() -> ServiceError {
    ServiceError::Invalid(Invalid::ImportFile)
}

pub fn to_json(export: &ProjectExport) -> Result<Vec<u8>, ServiceError> {
    let mut bytes = serde_json::to_vec_pretty(export).map_err(internal)?;
    bytes.push(b'\n');
    Ok(bytes)
}

pub fn to_zip(
    export: &ProjectExport,
    files: &[(usize, usize, String, Vec<u8>)],
) -> Result<Vec<u8>, ServiceError> {
    let mut archive = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    archive.start_file(MANIFEST, options).map_err(internal)?;
    archive.write_all(&to_json(export)?).map_err(internal)?;
    for (item, evidence, name, bytes) in files {
        archive
            .start_file(file_path(*item, *evidence, name), options)
            .map_err(internal)?;
        archive.write_all(bytes).map_err(internal)?;
    }
    Ok(archive.finish().map_err(internal)?.into_inner())
}

/// Reads an export from JSON or from a zip archive (recognised by its
/// bytes), within `limits`.
pub fn read(bytes: &[u8], limits: &ImportLimits) -> Result<ImportFile, ServiceError> {
    let sha256 = hex::encode(Sha256::digest(bytes));
    if !bytes.starts_with(b"PK\x03\x04") {
        if u64::try_from(bytes.len()).unwrap_or(u64::MAX) > limits.max_entry_bytes {
            return Err(ServiceError::ImportTooLarge(Oversize::Entry {
                name: MANIFEST.to_owned(),
                limit: limits.max_entry_bytes,
            }));
        }
        let export: ProjectExport = serde_json::from_slice(bytes).map_err(|_| invalid())?;
        return Ok(ImportFile {
            export,
            files: Vec::new(),
            sha256,
        });
    }
    // Every entry the zip reader would list has a central directory record
    // opening with this signature: counting them bounds the entries before
    // the reader allocates anything for them. A stored file that happens to
    // contain the signature only makes the count higher, never lower.
    let records = bytes
        .windows(CENTRAL_RECORD.len())
        .filter(|window| window == CENTRAL_RECORD)
        .count();
    if records > limits.max_entries {
        return Err(ServiceError::ImportTooLarge(Oversize::Entries {
            limit: limits.max_entries,
        }));
    }
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| invalid())?;
    if archive.len() > limits.max_entries {
        return Err(ServiceError::ImportTooLarge(Oversize::Entries {
            limit: limits.max_entries,
        }));
    }
    let mut unpacking = Unpacking {
        limits,
        remaining: limits.max_total_bytes,
        archive_bytes: u64::try_from(bytes.len()).unwrap_or(u64::MAX),
    };
    let manifest = unpacking
        .entry(&mut archive, MANIFEST)?
        .ok_or_else(invalid)?;
    let export: ProjectExport = serde_json::from_slice(&manifest).map_err(|_| invalid())?;
    drop(manifest);
    // A manifest may not list more files than an archive may hold.
    let listed: usize = export.items.iter().map(|item| item.evidence.len()).sum();
    if listed > limits.max_entries {
        return Err(ServiceError::ImportTooLarge(Oversize::Entries {
            limit: limits.max_entries,
        }));
    }
    let mut files = Vec::new();
    for (item_index, item) in export.items.iter().enumerate() {
        for (evidence_index, evidence) in item.evidence.iter().enumerate() {
            if evidence.kind != "file" {
                continue;
            }
            let path = file_path(item_index, evidence_index, &evidence.name);
            if let Some(content) = unpacking.entry(&mut archive, &path)? {
                files.push((item_index, evidence_index, content));
            }
        }
    }
    Ok(ImportFile {
        export,
        files,
        sha256,
    })
}

/// The running count of what an archive has unpacked to.
struct Unpacking<'a> {
    limits: &'a ImportLimits,
    remaining: u64,
    /// The archive's own size: no entry packs more than that, whatever
    /// its header claims.
    archive_bytes: u64,
}

impl Unpacking<'_> {
    /// The entry's bytes, or `None` when the archive has no such entry.
    /// Inflates a chunk at a time and stops at the first limit passed,
    /// whatever sizes the entry's headers declare.
    fn entry(
        &mut self,
        archive: &mut zip::ZipArchive<Cursor<&[u8]>>,
        name: &str,
    ) -> Result<Option<Vec<u8>>, ServiceError> {
        // Looked up by its exact bytes in the reader's hash index: the
        // reader's decoded-name fallback scans every entry, which a manifest
        // listing thousands of absent files would turn into minutes.
        let Some(position) = archive.index_for_name_raw(name.as_bytes()) else {
            return Ok(None);
        };
        let mut entry = archive.by_index(position).map_err(|_| invalid())?;
        // The packed size the header declares is believed only up to the
        // archive's own size, so a forged size cannot switch the ratio
        // check off.
        let packed = entry.compressed_size().min(self.archive_bytes).max(1);
        let limits = self.limits;
        let mut content = Vec::new();
        let mut chunk = vec![0u8; 64 * 1024];
        loop {
            let read = entry.read(&mut chunk).map_err(|_| invalid())?;
            if read == 0 {
                break;
            }
            content.extend_from_slice(&chunk[..read]);
            let unpacked = u64::try_from(content.len()).unwrap_or(u64::MAX);
            if unpacked > limits.max_entry_bytes {
                return Err(ServiceError::ImportTooLarge(Oversize::Entry {
                    name: name.to_owned(),
                    limit: limits.max_entry_bytes,
                }));
            }
            if unpacked > self.remaining {
                return Err(ServiceError::ImportTooLarge(Oversize::Total {
                    limit: limits.max_total_bytes,
                }));
            }
            if unpacked > RATIO_FLOOR && unpacked / packed >= limits.max_ratio {
                return Err(ServiceError::ImportTooLarge(Oversize::Ratio {
                    name: name.to_owned(),
                    limit: limits.max_ratio,
                }));
            }
        }
        self.remaining -= u64::try_from(content.len()).unwrap_or(u64::MAX);
        Ok(Some(content))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits() -> ImportLimits {
        ImportLimits {
            max_entry_bytes: 4 << 20,
            max_total_bytes: 6 << 20,
            max_entries: 10,
            max_ratio: 100,
        }
    }

    fn manifest(files: &[&str]) -> Vec<u8> {
        let evidence: Vec<serde_json::Value> = files
            .iter()
            .map(|name| {
                serde_json::json!({"kind": "file", "name": name, "url": null, "sha256": null,
                    "size": null, "content_type": null, "uploaded_by": null, "created_at": 0})
            })
            .collect();
        serde_json::to_vec(&serde_json::json!({
            "format": "procura-project", "format_version": 1,
            "project": {"reference": "R-1", "title": "T", "description": "", "procurement_types": ["cloud-services"],
                "estimated_value": null, "currency": null, "cpv_codes": [], "sites": [],
                "special_category_data": false, "stage": "planning", "planned": [null, null, null, null, null, null],
                "catalog_edition": "enisa-2020", "created_by": null, "created_at": 0, "updated_at": 0},
            "stakeholders": [],
            "items": [{"phase": "planning", "practice": "BP-01", "status": "todo", "justification": "",
                "owner": null, "due_date": null, "notes": "", "retired": false, "created_at": 0,
                "updated_at": 0, "evidence": evidence}],
            "sign_offs": [], "timeline": []
        }))
        .unwrap_or_default()
    }

    fn zip(entries: &[(&str, Vec<u8>, zip::CompressionMethod)]) -> Vec<u8> {
        let mut archive = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, bytes, method) in entries {
            let options = zip::write::SimpleFileOptions::default().compression_method(*method);
            assert!(archive.start_file(*name, options).is_ok());
            assert!(archive.write_all(bytes).is_ok());
        }
        archive.finish().map(Cursor::into_inner).unwrap_or_default()
    }

    fn check(bytes: &[u8], expected: Result<usize, Oversize>) {
        let got = match read(bytes, &limits()) {
            Ok(file) => Ok(file.files.len()),
            Err(ServiceError::ImportTooLarge(oversize)) => Err(oversize),
            Err(other) => panic!("unexpected {other:?}"),
        };
        assert_eq!(got, expected);
    }

    use zip::CompressionMethod::{Deflated, Stored};

    #[test]
    fn a_manifest_may_not_list_more_files_than_an_archive_holds() {
        let names: Vec<String> = (0..11).map(|n| format!("f{n}.pdf")).collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        check(
            &zip(&[("project.json", manifest(&names), Deflated)]),
            Err(Oversize::Entries { limit: 10 }),
        );
        let ten = &names[..10];
        check(&zip(&[("project.json", manifest(ten), Deflated)]), Ok(0));
    }

    #[test]
    fn archives_are_held_to_every_limit_as_they_unpack() {
        let files = |names: &[&str]| manifest(names);
        // Within every limit: the one file named is read, another ignored.
        check(
            &zip(&[
                ("project.json", files(&["a.pdf"]), Deflated),
                ("evidence/000-00-a.pdf", b"%PDF-1.4".to_vec(), Stored),
                ("other", b"x".to_vec(), Stored),
            ]),
            Ok(1),
        );
        // One entry past the entry limit, compressing modestly.
        let noisy: Vec<u8> = (0..5u32 << 20)
            .map(|n| b"ACGT"[(n.wrapping_mul(2_654_435_761) >> 13) as usize % 4])
            .collect();
        check(
            &zip(&[
                ("project.json", files(&["a.txt"]), Deflated),
                ("evidence/000-00-a.txt", noisy, Deflated),
            ]),
            Err(Oversize::Entry {
                name: "evidence/000-00-a.txt".to_owned(),
                limit: 4 << 20,
            }),
        );
        // Each entry within its limit, together past the total.
        check(
            &zip(&[
                ("project.json", files(&["a.bin", "b.bin"]), Deflated),
                ("evidence/000-00-a.bin", vec![1; 3 << 20], Stored),
                ("evidence/000-01-b.bin", vec![2; 3 << 20], Stored),
            ]),
            Err(Oversize::Total { limit: 6 << 20 }),
        );
        // Zeros: refused for the ratio long before the entry limit.
        check(
            &zip(&[
                ("project.json", files(&["z.bin"]), Deflated),
                ("evidence/000-00-z.bin", vec![0; 3 << 20], Deflated),
            ]),
            Err(Oversize::Ratio {
                name: "evidence/000-00-z.bin".to_owned(),
                limit: 100,
            }),
        );
        // Too many entries, refused before they are listed.
        let many: Vec<(String, Vec<u8>, zip::CompressionMethod)> = (0..11)
            .map(|n| (format!("x{n}"), Vec::new(), Stored))
            .collect();
        let many: Vec<(&str, Vec<u8>, zip::CompressionMethod)> = many
            .iter()
            .map(|(name, bytes, method)| (name.as_str(), bytes.clone(), *method))
            .collect();
        check(&zip(&many), Err(Oversize::Entries { limit: 10 }));
    }

    #[test]
    fn a_json_file_is_held_to_the_entry_limit() {
        let mut big = manifest(&[]);
        big.resize(5 << 20, b' ');
        check(
            &big,
            Err(Oversize::Entry {
                name: "project.json".to_owned(),
                limit: 4 << 20,
            }),
        );
    }
}

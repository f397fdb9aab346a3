//! Packaging a project export: JSON alone, or a zip archive holding
//! `project.json` and the evidence files.

use std::io::{Cursor, Read, Write};

use crate::transfer::ProjectExport;
use crate::{Invalid, ServiceError};

const MANIFEST: &str = "project.json";

/// Evidence file contents by (item, evidence) position in the export.
pub type EvidenceFiles = Vec<(usize, usize, Vec<u8>)>;

/// The archive path of one evidence file, from its position in the export.
fn file_path(item: usize, evidence: usize, name: &str) -> String {
    format!("evidence/{item:03}-{evidence:02}-{name}")
}

fn internal(error: impl std::fmt::Display) -> ServiceError {
    ServiceError::Internal(format!("packaging failed: {error}"))
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

/// Reads an export from JSON or from a zip archive (recognised by its bytes).
pub fn read(bytes: &[u8]) -> Result<(ProjectExport, EvidenceFiles), ServiceError> {
    let invalid = |_| ServiceError::Invalid(Invalid::ImportFile);
    if !bytes.starts_with(b"PK\x03\x04") {
        let export: ProjectExport = serde_json::from_slice(bytes).map_err(invalid)?;
        return Ok((export, Vec::new()));
    }
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|_| ServiceError::Invalid(Invalid::ImportFile))?;
    let mut manifest = Vec::new();
    archive
        .by_name(MANIFEST)
        .map_err(|_| ServiceError::Invalid(Invalid::ImportFile))?
        .read_to_end(&mut manifest)
        .map_err(|_| ServiceError::Invalid(Invalid::ImportFile))?;
    let export: ProjectExport = serde_json::from_slice(&manifest).map_err(invalid)?;
    let mut files = Vec::new();
    for (item_index, item) in export.items.iter().enumerate() {
        for (evidence_index, evidence) in item.evidence.iter().enumerate() {
            if let Ok(mut entry) =
                archive.by_name(&file_path(item_index, evidence_index, &evidence.name))
            {
                let mut content = Vec::new();
                entry
                    .read_to_end(&mut content)
                    .map_err(|_| ServiceError::Invalid(Invalid::ImportFile))?;
                files.push((item_index, evidence_index, content));
            }
        }
    }
    Ok((export, files))
}

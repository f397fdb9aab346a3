//! The library's data files, compiled into the binary.

/// The library's files: the requirement files by theme, then the standards,
/// the reference registry, the glossary, the list of internal practices,
/// the CCAG-TIC terms and the default grading scale.
#[derive(Debug, Clone, Copy)]
pub struct LibrarySources {
    pub requirements: &'static [(&'static str, &'static str)],
    pub standards: &'static str,
    pub references: &'static str,
    pub glossary: &'static str,
    pub internal: &'static str,
    pub contract: &'static str,
    pub grading: &'static str,
}

macro_rules! library_file {
    ($name:literal) => {
        (
            concat!("requirements/", $name),
            include_str!(concat!("../../../../data/requirements/", $name)),
        )
    };
}

pub const LIBRARY: LibrarySources = LibrarySources {
    requirements: &[
        library_file!("vulnerabilities.toml"),
        library_file!("patching.toml"),
        library_file!("network-and-testing.toml"),
        library_file!("data-protection.toml"),
        library_file!("certifications.toml"),
        library_file!("cloud.toml"),
        library_file!("incidents-and-continuity.toml"),
        library_file!("maintenance-and-remote-access.toml"),
        library_file!("people-and-assets.toml"),
        library_file!("administration.toml"),
        library_file!("device-security.toml"),
        library_file!("mobile-and-home.toml"),
        library_file!("contract-lifecycle.toml"),
        library_file!("outsourcing.toml"),
    ],
    standards: library_file!("standards.toml").1,
    references: library_file!("references.toml").1,
    glossary: library_file!("glossary.toml").1,
    internal: library_file!("internal.toml").1,
    contract: library_file!("ccag-tic.toml").1,
    grading: library_file!("grading.toml").1,
};

pub(super) const STANDARDS_FILE: &str = "requirements/standards.toml";
pub(super) const REFERENCES_FILE: &str = "requirements/references.toml";
pub(super) const GLOSSARY_FILE: &str = "requirements/glossary.toml";
pub(super) const INTERNAL_FILE: &str = "requirements/internal.toml";
pub(super) const CONTRACT_FILE: &str = "requirements/ccag-tic.toml";
pub(super) const GRADING_FILE: &str = "requirements/grading.toml";

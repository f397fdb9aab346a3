//! The migrations of each backend, embedded in the binary and listed by
//! name. The migrator is built at run time the way sqlx reads a migration
//! folder — version and description from the file name, checksum over the
//! file's exact text — so databases migrated by earlier builds recognise
//! every migration they already applied.

use std::borrow::Cow;

use sqlx::SqlStr;
use sqlx::migrate::{MigrateError, Migration, MigrationType, Migrator};

/// One migration file: its name (`<version>_<description>.sql`) and text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct MigrationFile {
    pub(crate) name: &'static str,
    pub(crate) sql: &'static str,
}

/// Embeds the named files of one tree under `migrations/`.
macro_rules! migration_files {
    ($tree:literal: $($name:literal),+ $(,)?) => {
        &[$(MigrationFile {
            name: $name,
            sql: include_str!(concat!("../migrations/", $tree, "/", $name)),
        }),+]
    };
}

/// Every file of `migrations/sqlite`; a test fails when one is missing.
pub(crate) const SQLITE: &[MigrationFile] = migration_files!("sqlite":
    "0001_core.sql",
    "0002_projects.sql",
    "0003_tender.sql",
    "0004_risks.sql",
    "0005_bids.sql",
    "0006_imported_history.sql",
    "0007_invitations.sql",
    "0008_selection_and_minimum.sql",
    "0009_publications_and_receipts.sql",
    "0010_password_change_required.sql",
    "0011_invitation_links.sql",
);

/// Every file of `migrations/postgres`; a test fails when one is missing.
pub(crate) const POSTGRES: &[MigrationFile] = migration_files!("postgres":
    "0001_core.sql",
    "0002_projects.sql",
    "0003_tender.sql",
    "0004_risks.sql",
    "0005_bids.sql",
    "0006_imported_history.sql",
    "0007_invitations.sql",
    "0008_selection_and_minimum.sql",
    "0009_publications_and_receipts.sql",
    "0010_password_change_required.sql",
    "0011_invitation_links.sql",
);

/// The migrator over `files`, with sqlx's default settings (its
/// `_sqlx_migrations` table, locking, one transaction per migration).
pub(crate) fn migrator(files: &[MigrationFile]) -> Result<Migrator, MigrateError> {
    let migrations = files
        .iter()
        .map(|file| migration(*file))
        .collect::<Result<_, _>>()?;
    Ok(Migrator::with_migrations(migrations))
}

/// Reads one file as sqlx's folder resolver does: `0001_core.sql` is
/// version 1, "core"; `.up.sql` / `.down.sql` make a reversible pair; a
/// file starting with `-- no-transaction` runs outside a transaction; the
/// checksum is SHA-384 of the whole text.
fn migration(file: MigrationFile) -> Result<Migration, MigrateError> {
    let (version, rest) = file
        .name
        .split_once('_')
        .filter(|(_, rest)| rest.ends_with(".sql"))
        .ok_or_else(|| bad_name(file.name))?;
    let version: i64 = version.parse().map_err(|_| bad_name(file.name))?;
    let migration_type = MigrationType::from_filename(rest);
    let description = rest
        .trim_end_matches(migration_type.suffix())
        .replace('_', " ");
    Ok(Migration::new(
        version,
        Cow::Owned(description),
        migration_type,
        SqlStr::from_static(file.sql),
        file.sql.starts_with("-- no-transaction"),
    ))
}

fn bad_name(name: &str) -> MigrateError {
    MigrateError::Source(
        format!("migration file {name:?} is not named <version>_<description>.sql").into(),
    )
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::path::Path;

    use super::*;

    /// Version, description and SHA-384 of each migration as `sqlx::migrate!`
    /// compiled them: the `_sqlx_migrations` table of every database holds
    /// these, and a migration whose checksum differs stops the server.
    #[rustfmt::skip]
    const SQLITE_APPLIED: &[(i64, &str, &str)] = &[
        (1, "core", "c07cff32b19299883fc90e3db8f8fc37932867e9de7a9c4e2268f6ed3aeed7be7c397be9b6c581bfce67d7ff5b2fbbf9"),
        (2, "projects", "377d20f51b2d7506259d8c3f3f4d3c76b70e4ea4d90ab57dd936d78d5479ab1119bcf3de56b2bf2209a6dfd900cf5944"),
        (3, "tender", "868c915bdaa41e2e4e1435b61ba70a96b1dc1725d90a1b0ddb6f195587842931979e21d0ee8a8c8893c59a49b5bc078b"),
        (4, "risks", "c69ad84c5cbe085bee8667d8dae4a20da88b8158cddaa2102473fb381308c9daa2e8a609c76c1d899c558e4af84cb0e3"),
        (5, "bids", "00726f9bae0f1c3716af5cf0cca3b86054d4b21440a2527aaa271b884eae085a55ae71857933133d713aad3c8a55bf7b"),
        (6, "imported history", "68370a5ab3a893a7a7623746c8df007abe053033f8df318cf7bc555d1273996288325608e951ec2f84d69fd201aa1373"),
        (7, "invitations", "af0edbb415cf0b0f7889b66f785f7ec0a9f57c8b428d78a1f831351c7b6fe8429bda85d4e0f419722a17ceaa4740faa2"),
        (8, "selection and minimum", "7b585f9f91ee0ec30e2844378a4d2d2d36935656e4be4b22712b92ad3f4340a6e485acd5912b4afefd3c64a3edd831ab"),
        (9, "publications and receipts", "ce86a27813191d2e0b26b27303d5bb51616382e25c670f764c7aa8a76fd04808df89048889d0c1a4ec36d8f50e58979e"),
        (10, "password change required", "2168ca437a2dbbd7a8e8c4622bd398d95155b71f1d25ed6faa940ccda45bbdc06d362a4744e124553ac0cfe4eb56e8d3"),
        (11, "invitation links", "1199f90b2f9159d30f85cd408039414865cf01d714bcc05a31e9ebc9666a6e1e0f508dd3a8a746d901c8aa4170943e9b"),
    ];

    #[rustfmt::skip]
    const POSTGRES_APPLIED: &[(i64, &str, &str)] = &[
        (1, "core", "d0cfc97c84e84715432976997784c811d3ca10b495279effa679223ed9e48fef673af4bb562edfd9a7d3a6670a6227dc"),
        (2, "projects", "26f2e461fcf39fafe8ca9e3f4df921ff64461133882de6acc4c75fb76302ae780f61a86fe0aff21477694207066cf2a7"),
        (3, "tender", "868c915bdaa41e2e4e1435b61ba70a96b1dc1725d90a1b0ddb6f195587842931979e21d0ee8a8c8893c59a49b5bc078b"),
        (4, "risks", "c69ad84c5cbe085bee8667d8dae4a20da88b8158cddaa2102473fb381308c9daa2e8a609c76c1d899c558e4af84cb0e3"),
        (5, "bids", "c4a4caf1f1b341149cd72945bbfe50820504c72d8df9cfada32204d9276eee2582e81adcbe300d0ea4da93349a63421b"),
        (6, "imported history", "e5c87bd8121908e1a067d36348c6e29a73ab5fe12fe8a0afbf27f3f602efecbcdebe3aa012e6095f975a6f158cc3194b"),
        (7, "invitations", "0246ae2f562d5f7f85c94b1aaa05a232d439cbec6316163fae09337243826707668f93a107de83d2b4b0396b2ae38dff"),
        (8, "selection and minimum", "7b585f9f91ee0ec30e2844378a4d2d2d36935656e4be4b22712b92ad3f4340a6e485acd5912b4afefd3c64a3edd831ab"),
        (9, "publications and receipts", "ce86a27813191d2e0b26b27303d5bb51616382e25c670f764c7aa8a76fd04808df89048889d0c1a4ec36d8f50e58979e"),
        (10, "password change required", "2168ca437a2dbbd7a8e8c4622bd398d95155b71f1d25ed6faa940ccda45bbdc06d362a4744e124553ac0cfe4eb56e8d3"),
        (11, "invitation links", "1199f90b2f9159d30f85cd408039414865cf01d714bcc05a31e9ebc9666a6e1e0f508dd3a8a746d901c8aa4170943e9b"),
    ];

    /// New migrations are added here with the checksum the test reports;
    /// an applied one never changes.
    fn check(tree: &str, files: &[MigrationFile], applied: &[(i64, &str, &str)]) {
        let built = migrator(files).expect("migrator");
        let seen: Vec<(i64, &str, String)> = built
            .iter()
            .map(|m| (m.version, m.description.as_ref(), hex::encode(&m.checksum)))
            .collect();
        let expected: Vec<(i64, &str, String)> = applied
            .iter()
            .map(|(version, description, checksum)| (*version, *description, checksum.to_string()))
            .collect();
        assert_eq!(seen, expected, "{tree}");
        for (migration, file) in built.iter().zip(files) {
            assert_eq!(migration.sql.as_str(), file.sql, "{tree} {}", file.name);
            assert_eq!(
                migration.migration_type,
                MigrationType::Simple,
                "{}",
                file.name
            );
            assert!(
                !migration.no_tx,
                "{tree} {} runs in a transaction",
                file.name
            );
        }
        assert!(
            !built.ignore_missing && built.locking && !built.no_tx,
            "{tree}"
        );
        assert_eq!(built.table_name, "_sqlx_migrations", "{tree}");
        assert!(built.create_schemas.is_empty(), "{tree}");
    }

    #[test]
    fn migrations_keep_the_checksums_databases_recorded() {
        check("sqlite", SQLITE, SQLITE_APPLIED);
        check("postgres", POSTGRES, POSTGRES_APPLIED);
    }

    fn listed_and_present(tree: &str, files: &[MigrationFile]) {
        let folder = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("migrations")
            .join(tree);
        let present: BTreeSet<String> = std::fs::read_dir(&folder)
            .expect("migration folder")
            .map(|entry| {
                entry
                    .expect("entry")
                    .file_name()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        let listed: BTreeSet<String> = files.iter().map(|file| file.name.to_owned()).collect();
        assert_eq!(
            listed, present,
            "the files listed for {tree} are those of {folder:?}"
        );
    }

    #[test]
    fn every_migration_file_is_listed() {
        listed_and_present("sqlite", SQLITE);
        listed_and_present("postgres", POSTGRES);
    }
}

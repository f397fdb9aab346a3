//! `procura catalog export`: the whole catalogue for other tools.

use std::io::Write;

use procura_catalog::Catalog;

use crate::cli::{CatalogArgs, CatalogCommand, ExportFormat};
use crate::failure::Failure;

pub fn run(catalog: &Catalog, args: CatalogArgs, out: &mut impl Write) -> Result<(), Failure> {
    let CatalogCommand::Export { format } = args.command;
    let document = match format {
        ExportFormat::Json => procura_docs::catalog_json(catalog)?,
    };
    out.write_all(document.as_bytes())?;
    Ok(())
}

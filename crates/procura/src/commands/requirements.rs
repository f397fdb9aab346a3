//! `procura requirements --ref nis2:21.2.d`: the cross-walk from a text,
//! article or clause to the tender requirements that cover it.

use std::io::Write;

use procura_domain::{Lang, ReferenceQuery};
use procura_i18n::text;

use crate::cli::{CrosswalkFormat, RequirementsArgs};
use crate::failure::Failure;

pub fn run(args: RequirementsArgs, lang: Lang, out: &mut impl Write) -> Result<(), Failure> {
    let library = procura_catalog::requirement_library()?;
    let query = ReferenceQuery::parse(&args.reference)?;
    let crosswalk = procura_docs::crosswalk(library, &query, None, lang)
        .ok_or_else(|| Failure::UnknownScheme(query.scheme().to_owned()))?;
    let document = match args.format {
        CrosswalkFormat::Json => procura_docs::crosswalk_json(&crosswalk)?,
        CrosswalkFormat::Csv => procura_docs::crosswalk_csv(
            &crosswalk,
            [
                text(lang, "crosswalk-col-ref").as_str(),
                text(lang, "crosswalk-col-label").as_str(),
                text(lang, "crosswalk-col-requirement").as_str(),
                text(lang, "crosswalk-col-title").as_str(),
            ],
        )?,
        CrosswalkFormat::Table => {
            let mut lines = vec![format!("{} — {}", crosswalk.query, crosswalk.scheme_name)];
            if let Some(note) = crosswalk.scheme_note {
                lines.push(note.to_owned());
            }
            lines.push(String::new());
            for point in &crosswalk.points {
                lines.push(format!("{}  {}", point.reference, point.label));
                if point.requirements.is_empty() {
                    lines.push(format!("    {}", text(lang, "crosswalk-uncovered")));
                }
                for code in &point.requirements {
                    lines.push(format!("    {code}  {}", crosswalk.title_of(code)));
                }
            }
            lines.push(String::new());
            lines.join("\n")
        }
    };
    out.write_all(document.as_bytes())?;
    Ok(())
}

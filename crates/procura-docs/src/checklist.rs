//! A project's checklist as CSV, JSON, Markdown and XLSX: the same rows,
//! headers in the reader's language, ids kept for scripts.

use std::fmt::Write as _;

use procura_domain::Lang;
use procura_i18n::text;
use rust_xlsxwriter::{Format, Workbook};
use serde::Serialize;

use crate::dates::date_text;
use crate::markdown_text::{cell, inline};
use crate::{CsvTable, DocError};

/// One checklist item, already in the reader's language.
#[derive(Debug, Clone, Serialize)]
pub struct ChecklistRow {
    pub phase_id: String,
    pub phase: String,
    pub practice: String,
    pub title: String,
    pub status_id: String,
    pub status: String,
    pub owner: String,
    /// `YYYY-MM-DD` or empty; the Markdown writes it in words, the CSV and
    /// XLSX keep it sortable.
    pub due_date: String,
    pub overdue: bool,
    pub justification: String,
    pub notes: String,
    pub evidence: usize,
    pub retired: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct ChecklistDoc {
    pub reference: String,
    pub title: String,
    pub stage: String,
    /// When the document was produced, `YYYY-MM-DD HH:MM:SS` UTC; the
    /// Markdown and XLSX write it in words, Paris time.
    pub generated: String,
    pub rows: Vec<ChecklistRow>,
    #[serde(skip)]
    pub lang: Lang,
}

const COLUMNS: [&str; 11] = [
    "checklist-phase",
    "checklist-practice",
    "checklist-title",
    "checklist-status",
    "checklist-owner",
    "checklist-due",
    "checklist-overdue",
    "checklist-justification",
    "checklist-notes",
    "checklist-evidence",
    "checklist-retired",
];

fn yes_no(lang: Lang, value: bool) -> String {
    text(
        lang,
        if value {
            "checklist-yes"
        } else {
            "checklist-no"
        },
    )
}

fn cells(row: &ChecklistRow, lang: Lang) -> [String; 11] {
    [
        row.phase.clone(),
        row.practice.clone(),
        row.title.clone(),
        row.status.clone(),
        row.owner.clone(),
        row.due_date.clone(),
        yes_no(lang, row.overdue),
        row.justification.clone(),
        row.notes.clone(),
        row.evidence.to_string(),
        yes_no(lang, row.retired),
    ]
}

pub fn checklist_csv(doc: &ChecklistDoc) -> Result<String, DocError> {
    let mut table = CsvTable::new(COLUMNS.map(|key| text(doc.lang, key)))?;
    for row in &doc.rows {
        table.row(cells(row, doc.lang))?;
    }
    table.finish()
}

pub fn checklist_json(doc: &ChecklistDoc) -> Result<String, DocError> {
    let mut text = serde_json::to_string_pretty(doc)?;
    text.push('\n');
    Ok(text)
}

pub fn checklist_markdown(doc: &ChecklistDoc) -> String {
    let lang = doc.lang;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# {} — {}\n",
        inline(&doc.reference),
        inline(&doc.title)
    );
    let _ = writeln!(
        out,
        "{} : {} · {} : {}\n",
        text(lang, "checklist-stage"),
        inline(&doc.stage),
        text(lang, "checklist-generated"),
        inline(&date_text(lang, &doc.generated))
    );
    let mut phase = "";
    for row in &doc.rows {
        if row.phase != phase {
            phase = &row.phase;
            let _ = writeln!(out, "\n## {}\n", inline(phase));
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} |\n|---|---|---|---|---|",
                text(lang, "checklist-practice"),
                text(lang, "checklist-status"),
                text(lang, "checklist-owner"),
                text(lang, "checklist-due"),
                text(lang, "checklist-notes")
            );
        }
        let mut status = row.status.clone();
        if row.retired {
            status.push_str(&format!(" ({})", text(lang, "checklist-retired")));
        }
        if row.overdue {
            status.push_str(&format!(" ⚠ {}", text(lang, "checklist-overdue")));
        }
        let notes = if row.justification.is_empty() {
            row.notes.clone()
        } else {
            format!("{} {}", row.justification, row.notes)
        };
        let _ = writeln!(
            out,
            "| {} {} | {} | {} | {} | {} |",
            cell(&row.practice),
            cell(&row.title),
            cell(&status),
            cell(&row.owner),
            cell(&date_text(lang, &row.due_date)),
            cell(notes.trim())
        );
    }
    if lang == Lang::En {
        out.replace(" : ", ": ")
    } else {
        out
    }
}

pub fn checklist_xlsx(doc: &ChecklistDoc) -> Result<Vec<u8>, DocError> {
    let lang = doc.lang;
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet
        .set_name(text(lang, "checklist-sheet"))
        .map_err(xlsx)?;
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap();
    sheet
        .write_string_with_format(0, 0, format!("{} — {}", doc.reference, doc.title), &bold)
        .map_err(xlsx)?;
    sheet
        .write_string(
            1,
            0,
            format!(
                "{} : {} · {} : {}",
                text(lang, "checklist-stage"),
                doc.stage,
                text(lang, "checklist-generated"),
                date_text(lang, &doc.generated)
            ),
        )
        .map_err(xlsx)?;
    let header_row = 3;
    for (column, key) in COLUMNS.iter().enumerate() {
        let column = u16::try_from(column).unwrap_or(u16::MAX);
        sheet
            .write_string_with_format(header_row, column, text(lang, key), &bold)
            .map_err(xlsx)?;
    }
    for (index, row) in doc.rows.iter().enumerate() {
        let line = header_row + 1 + u32::try_from(index).unwrap_or(u32::MAX - header_row - 1);
        for (column, value) in cells(row, lang).iter().enumerate() {
            let column = u16::try_from(column).unwrap_or(u16::MAX);
            sheet
                .write_string_with_format(line, column, value, &wrap)
                .map_err(xlsx)?;
        }
    }
    let widths = [
        22.0, 9.0, 45.0, 16.0, 28.0, 12.0, 10.0, 30.0, 40.0, 10.0, 10.0,
    ];
    for (column, width) in widths.iter().enumerate() {
        sheet
            .set_column_width(u16::try_from(column).unwrap_or(0), *width)
            .map_err(xlsx)?;
    }
    sheet.set_freeze_panes(header_row + 1, 0).map_err(xlsx)?;
    let last_row = header_row + u32::try_from(doc.rows.len()).unwrap_or(0);
    sheet
        .autofilter(header_row, 0, last_row, 10)
        .map_err(xlsx)?;
    workbook.save_to_buffer().map_err(xlsx)
}

fn xlsx(error: rust_xlsxwriter::XlsxError) -> DocError {
    DocError::Xlsx(error.to_string())
}

#[cfg(test)]
mod tests {
    use calamine::{Reader, Xlsx};

    use super::*;

    fn sample(lang: Lang) -> ChecklistDoc {
        ChecklistDoc {
            reference: "MAR-2026-01".into(),
            title: "Pompes à perfusion".into(),
            stage: "Planification".into(),
            generated: "2026-11-28 10:00:00".into(),
            lang,
            rows: vec![
                ChecklistRow {
                    phase_id: "planning".into(),
                    phase: "Planification".into(),
                    practice: "BP-01".into(),
                    title: "Impliquer l'informatique".into(),
                    status_id: "done".into(),
                    status: "Fait".into(),
                    owner: "rssi@chu.example".into(),
                    due_date: "2026-12-01".into(),
                    overdue: false,
                    justification: String::new(),
                    notes: "Comité du 3 | 12".into(),
                    evidence: 2,
                    retired: false,
                },
                ChecklistRow {
                    phase_id: "planning".into(),
                    phase: "Planification".into(),
                    practice: "BP-11".into(),
                    title: "Évaluer les risques".into(),
                    status_id: "todo".into(),
                    status: "À faire".into(),
                    owner: String::new(),
                    due_date: "2026-11-01".into(),
                    overdue: true,
                    justification: String::new(),
                    notes: String::new(),
                    evidence: 0,
                    retired: false,
                },
            ],
        }
    }

    #[test]
    fn xlsx_reads_back() {
        let bytes = checklist_xlsx(&sample(Lang::Fr)).unwrap();
        let mut workbook = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
        let name = workbook.sheet_names()[0].clone();
        assert_eq!(name, "Liste de contrôle");
        let range = workbook.worksheet_range(&name).unwrap();
        let rows: Vec<Vec<String>> = range
            .rows()
            .map(|row| row.iter().map(|c| c.to_string()).collect())
            .collect();
        assert_eq!(rows[0][0], "MAR-2026-01 — Pompes à perfusion");
        assert!(
            rows[1][0].ends_with("28 novembre 2026 à 11:00"),
            "{}",
            rows[1][0]
        );
        assert_eq!(rows[3][..4], ["Phase", "Pratique", "Titre", "Statut"]);
        assert_eq!(rows[4][1], "BP-01");
        assert_eq!(rows[5][6], "oui");
        assert_eq!(rows.len(), 6);
    }

    #[test]
    fn markdown_snapshot() {
        insta::assert_snapshot!(checklist_markdown(&sample(Lang::Fr)));
    }

    #[test]
    fn csv_and_json() {
        let csv = checklist_csv(&sample(Lang::En)).unwrap();
        assert!(csv.starts_with("Phase,Practice,Title,Status,Owner,Due date,Overdue"));
        assert_eq!(csv.lines().count(), 3);
        let json: serde_json::Value =
            serde_json::from_str(&checklist_json(&sample(Lang::En)).unwrap()).unwrap();
        assert_eq!(json["rows"][1]["practice"], "BP-11");
        assert_eq!(json["rows"][1]["overdue"], true);
    }
}

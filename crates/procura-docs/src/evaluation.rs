//! The security part of the bid evaluation report (the « rapport d'analyse
//! des offres »): context, method, the ranking, why bids are not eligible,
//! the award criteria grid, the evaluators' overrides, the reservations on
//! clauses, the bids that answered an earlier requirement list and the
//! award. The report is built as the tender annex's block model, so it
//! renders with the same DOCX and PDF code; the spreadsheet holds the
//! summary, the full grid and the overrides.
//!
//! The input comes already scored (see `procura_domain::score_bid`) and in
//! the reader's language; nothing here reads a clock, so the same input
//! gives the same bytes.

use procura_domain::{Answer, BidStatus, Lang, RequirementKind, ScoringRules};
use procura_i18n::{Arg, text, text_with};
use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet,
    XlsxError,
};

use crate::DocError;
use crate::tender::{Annex, Block, QuestionnaireStamp, Table, annex_docx, annex_pdf};

/// Everything the evaluation report shows, in the reader's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvaluationDoc {
    pub lang: Lang,
    pub organisation: String,
    pub reference: String,
    pub title: String,
    /// The date the report is drawn up, as text; an ISO date (`2026-11-29`)
    /// also becomes the spreadsheet's creation date.
    pub generated: String,
    /// The project's scoring rules, spelled out in the method section.
    pub rules: ScoringRules,
    pub requirements: Vec<EvaluationRequirement>,
    /// In the order to show: by rank, then the bids that are not eligible.
    pub bids: Vec<EvaluationBid>,
    /// "Supplier — offer" when a bid was awarded.
    pub awarded: Option<String>,
}

/// One requirement of the tender.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvaluationRequirement {
    pub code: String,
    pub kind: RequirementKind,
    /// Whole percent, for award requirements.
    pub weight: u32,
    pub text: String,
}

/// One bid and its result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvaluationBid {
    pub supplier: String,
    pub offer: String,
    pub status: BidStatus,
    pub eligible: bool,
    /// The score out of 100 as shown, `72.5`.
    pub score: String,
    /// Some award requirement counted; otherwise the score means nothing.
    pub scored: bool,
    pub rank: Option<u32>,
    /// The bid answered an older version of the requirement list.
    pub selection_outdated: bool,
    /// One per requirement, in the requirements' order.
    pub cells: Vec<EvaluationCell>,
}

/// One requirement of one bid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvaluationCell {
    /// `None` when the bidder did not answer.
    pub answer: Option<Answer>,
    /// Percent of the weight earned, for award requirements that count.
    pub credit: Option<u32>,
    /// Eligibility met, clause accepted; for award lines, earned anything.
    pub met: bool,
    pub comment: String,
    pub evidence_ref: String,
    /// Set when an evaluator overrode the answer's score.
    pub override_justification: Option<String>,
}

/// The most bids side by side in one table of the grid, so it fits an A4
/// page in portrait.
pub const BIDS_PER_TABLE: usize = 4;

/// What a cell comes to, shown as a word and a colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Met,
    Partial,
    NotMet,
    NotCounted,
}

impl Outcome {
    fn of(kind: RequirementKind, cell: &EvaluationCell) -> Outcome {
        match kind {
            RequirementKind::Award => match (cell.answer, cell.credit) {
                (_, Some(credit)) if credit >= 100 => Outcome::Met,
                (_, Some(0)) => Outcome::NotMet,
                (_, Some(_)) => Outcome::Partial,
                (None, None) => Outcome::NotMet,
                (Some(_), None) => Outcome::NotCounted,
            },
            RequirementKind::Eligibility | RequirementKind::Clause => {
                if !cell.met {
                    Outcome::NotMet
                } else if cell.answer == Some(Answer::Partial)
                    && cell.override_justification.is_none()
                {
                    Outcome::Partial
                } else {
                    Outcome::Met
                }
            }
        }
    }

    fn word(self, lang: Lang) -> String {
        text(
            lang,
            match self {
                Outcome::Met => "eval-outcome-met",
                Outcome::Partial => "eval-outcome-partial",
                Outcome::NotMet => "eval-outcome-not-met",
                Outcome::NotCounted => "eval-outcome-not-counted",
            },
        )
    }

    /// Pale fills, so dark text keeps its contrast.
    fn fill(self) -> Color {
        Color::RGB(match self {
            Outcome::Met => 0x00D9_F0D3,
            Outcome::Partial => 0x00FF_F2B3,
            Outcome::NotMet => 0x00F5_C2C2,
            Outcome::NotCounted => 0x00E7_E7E7,
        })
    }
}

const DASH: &str = "—";

/// French sets a space before the colon and the semicolon.
fn colon(lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => " : ",
        Lang::En => ": ",
    }
}

fn semicolon(lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => " ; ",
        Lang::En => "; ",
    }
}

fn answer_word(lang: Lang, answer: Option<Answer>) -> String {
    match answer {
        Some(answer) => text(lang, &format!("tender-answer-{}", answer.id())),
        None => text(lang, "eval-no-answer"),
    }
}

fn kind_name(lang: Lang, kind: RequirementKind) -> String {
    text(lang, &format!("tender-kind-{}", kind.id()))
}

fn status_name(lang: Lang, status: BidStatus) -> String {
    text(lang, &format!("eval-status-{}", status.id()))
}

fn eligibility_word(lang: Lang, eligible: bool) -> String {
    text(
        lang,
        if eligible {
            "eval-eligible"
        } else {
            "eval-not-eligible"
        },
    )
}

fn percent(value: u32) -> String {
    format!("{value} %")
}

fn number(value: usize) -> Arg {
    Arg::Number(i64::try_from(value).unwrap_or(i64::MAX))
}

/// "Supplier — offer", or the supplier alone when the offer has no name.
fn bid_label(bid: &EvaluationBid) -> String {
    if bid.offer.trim().is_empty() {
        bid.supplier.clone()
    } else {
        format!("{} — {}", bid.supplier, bid.offer)
    }
}

fn project_line(doc: &EvaluationDoc) -> String {
    match (doc.reference.trim().is_empty(), doc.title.trim().is_empty()) {
        (true, _) => doc.title.clone(),
        (false, true) => doc.reference.clone(),
        (false, false) => format!("{} — {}", doc.reference, doc.title),
    }
}

fn score_text(bid: &EvaluationBid) -> String {
    if bid.scored {
        bid.score.clone()
    } else {
        DASH.to_owned()
    }
}

fn weight_text(requirement: &EvaluationRequirement) -> String {
    if requirement.kind == RequirementKind::Award {
        percent(requirement.weight)
    } else {
        DASH.to_owned()
    }
}

/// The requirements paired with a bid's cells; a bid with fewer cells
/// than requirements stops at its last cell.
fn lines<'a>(
    doc: &'a EvaluationDoc,
    bid: &'a EvaluationBid,
) -> impl Iterator<Item = (&'a EvaluationRequirement, &'a EvaluationCell)> {
    doc.requirements.iter().zip(&bid.cells)
}

/// How the score an evaluator retained reads: the credit for an award
/// requirement, met or not for the others.
fn retained(lang: Lang, requirement: &EvaluationRequirement, cell: &EvaluationCell) -> String {
    match (requirement.kind, cell.credit) {
        (RequirementKind::Award, Some(credit)) => percent(credit),
        (RequirementKind::Award, None) => Outcome::NotCounted.word(lang),
        _ => Outcome::of(requirement.kind, cell).word(lang),
    }
}

fn heading(lang: Lang, key: &str) -> Block {
    Block::Heading {
        level: 1,
        text: text(lang, key),
    }
}

fn context(doc: &EvaluationDoc, blocks: &mut Vec<Block>) {
    let lang = doc.lang;
    blocks.push(heading(lang, "eval-section-context"));
    blocks.push(Block::Paragraph(text(lang, "eval-context-purpose")));
    blocks.push(Block::Bullets(vec![
        text_with(
            lang,
            "eval-context-organisation",
            &[("name", doc.organisation.clone().into())],
        ),
        text_with(
            lang,
            "eval-context-project",
            &[("project", project_line(doc).into())],
        ),
        text_with(
            lang,
            "eval-context-date",
            &[("date", doc.generated.clone().into())],
        ),
        text_with(
            lang,
            "eval-context-bids",
            &[("count", number(doc.bids.len()))],
        ),
    ]));
}

fn method(doc: &EvaluationDoc, blocks: &mut Vec<Block>) {
    let lang = doc.lang;
    let rules = &doc.rules;
    let word = |answer| answer_word(lang, Some(answer));
    let credit = |value: u32| Arg::Number(i64::from(value));
    blocks.push(heading(lang, "eval-section-method"));
    blocks.push(Block::Paragraph(text(lang, "eval-method-intro")));
    blocks.push(Block::Bullets(vec![
        text_with(
            lang,
            "eval-method-award",
            &[
                ("yes", word(Answer::Yes).into()),
                ("yes-credit", credit(rules.yes)),
                ("partial", word(Answer::Partial).into()),
                ("partial-credit", credit(rules.partial)),
                ("no", word(Answer::No).into()),
                ("no-credit", credit(rules.no)),
            ],
        ),
        text_with(
            lang,
            "eval-method-not-applicable",
            &[("na", word(Answer::NotApplicable).into())],
        ),
        text(lang, "eval-method-unanswered"),
        text_with(
            lang,
            "eval-method-eligibility",
            &[("no", word(Answer::No).into())],
        ),
        text_with(
            lang,
            if rules.partial_fails_eligibility {
                "eval-method-partial-excludes"
            } else {
                "eval-method-partial-accepted"
            },
            &[("partial", word(Answer::Partial).into())],
        ),
        text_with(
            lang,
            "eval-method-clauses",
            &[("no", word(Answer::No).into())],
        ),
        text(lang, "eval-method-overrides"),
        text(lang, "eval-method-rank"),
    ]));
    if !doc.requirements.is_empty() {
        blocks.push(Block::Heading {
            level: 2,
            text: text(lang, "eval-requirements"),
        });
        blocks.push(Block::Table(Table {
            headers: [
                "eval-col-requirement",
                "eval-col-kind",
                "eval-col-weight",
                "eval-col-text",
            ]
            .iter()
            .map(|key| text(lang, key))
            .collect(),
            rows: doc
                .requirements
                .iter()
                .map(|requirement| {
                    vec![
                        requirement.code.clone(),
                        kind_name(lang, requirement.kind),
                        weight_text(requirement),
                        requirement.text.clone(),
                    ]
                })
                .collect(),
            widths: vec![16, 14, 14, 56],
            footer: None,
        }));
    }
}

const SUMMARY_HEADERS: [&str; 6] = [
    "eval-col-rank",
    "eval-col-supplier",
    "eval-col-offer",
    "eval-col-eligibility",
    "eval-col-score",
    "eval-col-status",
];

fn summary_row(lang: Lang, bid: &EvaluationBid) -> [String; 6] {
    [
        bid.rank
            .map_or_else(|| DASH.to_owned(), |rank| rank.to_string()),
        bid.supplier.clone(),
        bid.offer.clone(),
        eligibility_word(lang, bid.eligible),
        score_text(bid),
        status_name(lang, bid.status),
    ]
}

fn summary(doc: &EvaluationDoc, blocks: &mut Vec<Block>) {
    let lang = doc.lang;
    blocks.push(heading(lang, "eval-section-summary"));
    if doc.bids.is_empty() {
        blocks.push(Block::Paragraph(text_with(
            lang,
            "eval-context-bids",
            &[("count", number(0))],
        )));
        return;
    }
    blocks.push(Block::Table(Table {
        headers: SUMMARY_HEADERS.iter().map(|key| text(lang, key)).collect(),
        rows: doc
            .bids
            .iter()
            .map(|bid| summary_row(lang, bid).to_vec())
            .collect(),
        widths: vec![8, 24, 22, 16, 15, 15],
        footer: None,
    }));
}

fn eligibility(doc: &EvaluationDoc, blocks: &mut Vec<Block>) {
    let lang = doc.lang;
    blocks.push(heading(lang, "eval-section-eligibility"));
    let mut rows = Vec::new();
    for bid in doc.bids.iter().filter(|bid| !bid.eligible) {
        for (requirement, cell) in lines(doc, bid) {
            if requirement.kind != RequirementKind::Eligibility || cell.met {
                continue;
            }
            rows.push(vec![
                bid_label(bid),
                format!("{} — {}", requirement.code, requirement.text),
                answer_word(lang, cell.answer),
                cell.comment.clone(),
                text(
                    lang,
                    if cell.override_justification.is_some() {
                        "eval-decision-evaluator"
                    } else {
                        "eval-decision-answer"
                    },
                ),
            ]);
        }
    }
    if doc.bids.iter().all(|bid| bid.eligible) {
        blocks.push(Block::Paragraph(text(lang, "eval-eligibility-all")));
        return;
    }
    blocks.push(Block::Paragraph(text(lang, "eval-eligibility-intro")));
    if !rows.is_empty() {
        blocks.push(Block::Table(Table {
            headers: [
                "eval-col-bid",
                "eval-col-requirement",
                "eval-col-answer",
                "eval-col-comment",
                "eval-col-decision",
            ]
            .iter()
            .map(|key| text(lang, key))
            .collect(),
            rows,
            widths: vec![20, 30, 12, 22, 16],
            footer: None,
        }));
    }
}

/// The sizes of the grid's tables: as even as possible, none above
/// [`BIDS_PER_TABLE`].
fn split(count: usize) -> Vec<usize> {
    if count == 0 {
        return Vec::new();
    }
    let tables = count.div_ceil(BIDS_PER_TABLE);
    (0..tables)
        .map(|index| count / tables + usize::from(index < count % tables))
        .collect()
}

fn grid_cell(lang: Lang, cell: &EvaluationCell) -> String {
    let mut shown = answer_word(lang, cell.answer);
    shown.push_str(" · ");
    match cell.credit {
        Some(credit) => shown.push_str(&percent(credit)),
        None => shown.push_str(DASH),
    }
    if cell.override_justification.is_some() {
        shown.push_str(&format!(" ({})", text(lang, "eval-revised")));
    }
    shown
}

fn grid_table(doc: &EvaluationDoc, bids: &[EvaluationBid]) -> Table {
    let lang = doc.lang;
    let award: Vec<(usize, &EvaluationRequirement)> = doc
        .requirements
        .iter()
        .enumerate()
        .filter(|(_, requirement)| requirement.kind == RequirementKind::Award)
        .collect();
    let mut headers = vec![
        text(lang, "eval-col-requirement"),
        text(lang, "eval-col-weight"),
    ];
    headers.extend(bids.iter().map(bid_label));
    let rows = award
        .iter()
        .map(|(index, requirement)| {
            let mut row = vec![requirement.code.clone(), percent(requirement.weight)];
            row.extend(bids.iter().map(|bid| {
                bid.cells
                    .get(*index)
                    .map_or_else(String::new, |cell| grid_cell(lang, cell))
            }));
            row
        })
        .collect();
    let mut footer = vec![
        text(lang, "eval-score-row"),
        percent(
            award
                .iter()
                .map(|(_, requirement)| requirement.weight)
                .sum(),
        ),
    ];
    footer.extend(bids.iter().map(|bid| {
        if bid.eligible {
            score_text(bid)
        } else {
            format!("{} ({})", score_text(bid), eligibility_word(lang, false))
        }
    }));
    let share = u32::try_from(72 / bids.len().max(1)).unwrap_or(18);
    let mut widths = vec![16, 12];
    widths.extend(bids.iter().map(|_| share));
    Table {
        headers,
        rows,
        widths,
        footer: Some(footer),
    }
}

fn grid(doc: &EvaluationDoc, blocks: &mut Vec<Block>) {
    let lang = doc.lang;
    blocks.push(heading(lang, "eval-section-grid"));
    if !doc
        .requirements
        .iter()
        .any(|requirement| requirement.kind == RequirementKind::Award)
    {
        blocks.push(Block::Paragraph(text(lang, "eval-grid-none")));
        return;
    }
    if doc.bids.is_empty() {
        blocks.push(Block::Paragraph(text_with(
            lang,
            "eval-context-bids",
            &[("count", number(0))],
        )));
        return;
    }
    blocks.push(Block::Paragraph(text_with(
        lang,
        "eval-grid-intro",
        &[("revised", text(lang, "eval-revised").into())],
    )));
    let sizes = split(doc.bids.len());
    let parts = sizes.len();
    let mut first = 0;
    for size in sizes {
        let bids = &doc.bids[first..first + size];
        if parts > 1 {
            blocks.push(Block::Heading {
                level: 2,
                text: text_with(
                    lang,
                    "eval-grid-part",
                    &[
                        ("first", number(first + 1)),
                        ("last", number(first + size)),
                        ("count", number(doc.bids.len())),
                    ],
                ),
            });
        }
        blocks.push(Block::Table(grid_table(doc, bids)));
        first += size;
    }
}

/// Every overridden cell: requirement, bid, cell.
fn overrides(
    doc: &EvaluationDoc,
) -> impl Iterator<Item = (&EvaluationRequirement, &EvaluationBid, &EvaluationCell)> {
    doc.bids.iter().flat_map(move |bid| {
        lines(doc, bid)
            .filter(|(_, cell)| cell.override_justification.is_some())
            .map(move |(requirement, cell)| (requirement, bid, cell))
    })
}

fn overrides_section(doc: &EvaluationDoc, blocks: &mut Vec<Block>) {
    let lang = doc.lang;
    blocks.push(heading(lang, "eval-section-overrides"));
    let rows: Vec<Vec<String>> = overrides(doc)
        .map(|(requirement, bid, cell)| {
            vec![
                requirement.code.clone(),
                bid_label(bid),
                answer_word(lang, cell.answer),
                retained(lang, requirement, cell),
                cell.override_justification.clone().unwrap_or_default(),
            ]
        })
        .collect();
    if rows.is_empty() {
        blocks.push(Block::Paragraph(text(lang, "eval-overrides-none")));
        return;
    }
    blocks.push(Block::Paragraph(text(lang, "eval-overrides-intro")));
    blocks.push(Block::Table(Table {
        headers: [
            "eval-col-requirement",
            "eval-col-bid",
            "eval-col-answer",
            "eval-col-retained",
            "eval-col-justification",
        ]
        .iter()
        .map(|key| text(lang, key))
        .collect(),
        rows,
        widths: vec![15, 22, 12, 14, 37],
        footer: None,
    }));
}

fn reservations(doc: &EvaluationDoc, blocks: &mut Vec<Block>) {
    let lang = doc.lang;
    blocks.push(heading(lang, "eval-section-reservations"));
    if !doc
        .requirements
        .iter()
        .any(|requirement| requirement.kind == RequirementKind::Clause)
    {
        blocks.push(Block::Paragraph(text(lang, "eval-clauses-none")));
        return;
    }
    if doc.bids.is_empty() {
        return;
    }
    blocks.push(Block::Paragraph(text(lang, "eval-reservations-intro")));
    let items = doc
        .bids
        .iter()
        .map(|bid| {
            let refused: Vec<String> = lines(doc, bid)
                .filter(|(requirement, cell)| {
                    requirement.kind == RequirementKind::Clause && !cell.met
                })
                .map(|(requirement, cell)| {
                    let answer = answer_word(lang, cell.answer);
                    let comment = cell.comment.trim();
                    if comment.is_empty() {
                        format!("{} ({answer})", requirement.code)
                    } else {
                        format!("{} ({answer}{}{comment})", requirement.code, colon(lang))
                    }
                })
                .collect();
            let list = if refused.is_empty() {
                text(lang, "eval-reservations-none")
            } else {
                refused.join(semicolon(lang))
            };
            text_with(
                lang,
                "eval-reservations-line",
                &[("bid", bid_label(bid).into()), ("list", list.into())],
            )
        })
        .collect();
    blocks.push(Block::Bullets(items));
}

fn outdated(doc: &EvaluationDoc, blocks: &mut Vec<Block>) {
    let lang = doc.lang;
    blocks.push(heading(lang, "eval-section-outdated"));
    let flagged: Vec<String> = doc
        .bids
        .iter()
        .filter(|bid| bid.selection_outdated)
        .map(bid_label)
        .collect();
    if flagged.is_empty() {
        blocks.push(Block::Paragraph(text(lang, "eval-outdated-none")));
    } else {
        blocks.push(Block::Paragraph(text(lang, "eval-outdated-intro")));
        blocks.push(Block::Bullets(flagged));
    }
}

fn award(doc: &EvaluationDoc, blocks: &mut Vec<Block>) {
    let lang = doc.lang;
    blocks.push(heading(lang, "eval-section-award"));
    blocks.push(Block::Paragraph(match &doc.awarded {
        Some(bid) => text_with(lang, "eval-awarded", &[("bid", bid.clone().into())]),
        None => text(lang, "eval-not-awarded"),
    }));
}

/// The report as the annex's block model, so it renders with the annex's
/// DOCX, PDF, Markdown and HTML code.
pub fn evaluation_annex(doc: &EvaluationDoc) -> Annex {
    let lang = doc.lang;
    let mut blocks = Vec::new();
    context(doc, &mut blocks);
    method(doc, &mut blocks);
    summary(doc, &mut blocks);
    eligibility(doc, &mut blocks);
    grid(doc, &mut blocks);
    overrides_section(doc, &mut blocks);
    reservations(doc, &mut blocks);
    outdated(doc, &mut blocks);
    award(doc, &mut blocks);
    Annex {
        lang,
        title: text(lang, "eval-title"),
        subtitle: vec![
            doc.organisation.clone(),
            project_line(doc),
            text_with(
                lang,
                "eval-subtitle-generated",
                &[("date", doc.generated.clone().into())],
            ),
        ],
        blocks,
        requirements: Vec::new(),
        stamp: QuestionnaireStamp {
            project: doc.reference.clone(),
            reference: doc.reference.clone(),
            version: 0,
            checksum: String::new(),
        },
    }
}

pub fn evaluation_docx(doc: &EvaluationDoc) -> Result<Vec<u8>, DocError> {
    annex_docx(&evaluation_annex(doc))
}

pub fn evaluation_pdf(doc: &EvaluationDoc) -> Result<Vec<u8>, DocError> {
    annex_pdf(&evaluation_annex(doc))
}

fn xlsx(error: XlsxError) -> DocError {
    DocError::Xlsx(error.to_string())
}

fn row_index(index: usize) -> u32 {
    u32::try_from(index).unwrap_or(u32::MAX)
}

fn column_index(index: usize) -> u16 {
    u16::try_from(index).unwrap_or(u16::MAX)
}

/// A score as a number when it reads as one (`72.5` or `72,5`).
fn score_number(bid: &EvaluationBid) -> Option<f64> {
    if !bid.scored {
        return None;
    }
    bid.score.trim().replace(',', ".").parse::<f64>().ok()
}

struct Styles {
    title: Format,
    header: Format,
    plain: Format,
    wrap: Format,
    score: Format,
    total: Format,
    total_score: Format,
}

impl Styles {
    fn new() -> Styles {
        let border = Format::new().set_border(FormatBorder::Thin);
        Styles {
            title: Format::new().set_bold().set_font_size(14),
            header: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Top)
                .set_background_color(Color::RGB(0x00DC_E3EE))
                .set_border(FormatBorder::Thin),
            plain: border.clone().set_align(FormatAlign::Top),
            wrap: border.clone().set_text_wrap().set_align(FormatAlign::Top),
            score: border.clone().set_num_format("0.0"),
            total: border
                .clone()
                .set_bold()
                .set_background_color(Color::RGB(0x00DC_E3EE)),
            total_score: border
                .set_bold()
                .set_num_format("0.0")
                .set_background_color(Color::RGB(0x00DC_E3EE)),
        }
    }
}

/// The title and the project line on top of each sheet.
fn sheet_heading(
    sheet: &mut Worksheet,
    doc: &EvaluationDoc,
    styles: &Styles,
) -> Result<(), XlsxError> {
    sheet.write_string_with_format(0, 0, text(doc.lang, "eval-title"), &styles.title)?;
    let line = [
        doc.organisation.as_str(),
        &project_line(doc),
        doc.generated.as_str(),
    ]
    .iter()
    .filter(|part| !part.trim().is_empty())
    .copied()
    .collect::<Vec<_>>()
    .join(" · ");
    sheet.write_string(1, 0, line)?;
    Ok(())
}

/// Row (0-based) of the column headers on the summary and override sheets.
const HEADER_ROW: u32 = 3;

fn summary_sheet(
    sheet: &mut Worksheet,
    doc: &EvaluationDoc,
    styles: &Styles,
) -> Result<(), XlsxError> {
    let lang = doc.lang;
    sheet.set_name(text(lang, "eval-sheet-summary"))?;
    sheet_heading(sheet, doc, styles)?;
    let widths = [8.0, 30.0, 30.0, 16.0, 14.0, 14.0];
    for (column, (key, width)) in SUMMARY_HEADERS.iter().zip(widths).enumerate() {
        let column = column_index(column);
        sheet.write_string_with_format(HEADER_ROW, column, text(lang, key), &styles.header)?;
        sheet.set_column_width(column, width)?;
    }
    for (index, bid) in doc.bids.iter().enumerate() {
        let row = HEADER_ROW + 1 + row_index(index);
        let cells = summary_row(lang, bid);
        match bid.rank {
            Some(rank) => sheet.write_number_with_format(row, 0, f64::from(rank), &styles.plain)?,
            None => sheet.write_string_with_format(row, 0, DASH, &styles.plain)?,
        };
        for column in 1..=3 {
            sheet.write_string_with_format(
                row,
                column,
                &cells[usize::from(column)],
                &styles.wrap,
            )?;
        }
        match score_number(bid) {
            Some(score) => sheet.write_number_with_format(row, 4, score, &styles.score)?,
            None => sheet.write_string_with_format(row, 4, &cells[4], &styles.plain)?,
        };
        sheet.write_string_with_format(row, 5, &cells[5], &styles.plain)?;
    }
    sheet.set_freeze_panes(HEADER_ROW + 1, 0)?;
    sheet.autofilter(HEADER_ROW, 0, HEADER_ROW + row_index(doc.bids.len()), 5)?;
    sheet.set_active(true);
    Ok(())
}

/// Rows (0-based) of the grid's headers: bid names, then column names.
const GRID_BIDS_ROW: u32 = 3;
const GRID_HEADER_ROW: u32 = 4;
/// Columns before the bids' pairs: code, kind, weight, wording.
const GRID_FIXED: usize = 4;

fn grid_sheet(
    sheet: &mut Worksheet,
    doc: &EvaluationDoc,
    styles: &Styles,
) -> Result<(), XlsxError> {
    let lang = doc.lang;
    sheet.set_name(text(lang, "eval-sheet-grid"))?;
    sheet_heading(sheet, doc, styles)?;
    let fixed = [
        ("eval-col-requirement", 13.0),
        ("eval-col-kind", 12.0),
        ("eval-col-weight", 11.0),
        ("eval-col-text", 50.0),
    ];
    for (column, (key, width)) in fixed.iter().enumerate() {
        let column = column_index(column);
        sheet.write_string_with_format(GRID_BIDS_ROW, column, "", &styles.header)?;
        sheet.write_string_with_format(GRID_HEADER_ROW, column, text(lang, key), &styles.header)?;
        sheet.set_column_width(column, *width)?;
    }
    let pair = |index: usize| column_index(GRID_FIXED + 2 * index);
    for (index, bid) in doc.bids.iter().enumerate() {
        let first = pair(index);
        sheet.merge_range(
            GRID_BIDS_ROW,
            first,
            GRID_BIDS_ROW,
            first + 1,
            &bid_label(bid),
            &styles.header,
        )?;
        sheet.write_string_with_format(
            GRID_HEADER_ROW,
            first,
            text(lang, "eval-col-answer"),
            &styles.header,
        )?;
        sheet.write_string_with_format(
            GRID_HEADER_ROW,
            first + 1,
            text(lang, "eval-col-credit"),
            &styles.header,
        )?;
        sheet.set_column_width(first, 14.0)?;
        sheet.set_column_width(first + 1, 22.0)?;
    }
    for (line, requirement) in doc.requirements.iter().enumerate() {
        let row = GRID_HEADER_ROW + 1 + row_index(line);
        sheet.write_string_with_format(row, 0, &requirement.code, &styles.plain)?;
        sheet.write_string_with_format(row, 1, kind_name(lang, requirement.kind), &styles.plain)?;
        if requirement.kind == RequirementKind::Award {
            sheet.write_number_with_format(row, 2, f64::from(requirement.weight), &styles.plain)?;
        } else {
            sheet.write_string_with_format(row, 2, DASH, &styles.plain)?;
        }
        sheet.write_string_with_format(row, 3, &requirement.text, &styles.wrap)?;
        for (index, bid) in doc.bids.iter().enumerate() {
            let Some(cell) = bid.cells.get(line) else {
                continue;
            };
            let outcome = Outcome::of(requirement.kind, cell);
            let filled = styles.wrap.clone().set_background_color(outcome.fill());
            let mut answer = answer_word(lang, cell.answer);
            if cell.override_justification.is_some() {
                answer.push_str(&format!(" ({})", text(lang, "eval-revised")));
            }
            let credit = match (requirement.kind, cell.credit) {
                (RequirementKind::Award, Some(credit)) => {
                    format!("{} — {}", percent(credit), outcome.word(lang))
                }
                _ => outcome.word(lang),
            };
            sheet.write_string_with_format(row, pair(index), answer, &filled)?;
            sheet.write_string_with_format(row, pair(index) + 1, credit, &filled)?;
        }
    }
    let last = GRID_HEADER_ROW + row_index(doc.requirements.len());
    let total = last + 1;
    sheet.write_string_with_format(total, 0, text(lang, "eval-score-row"), &styles.total)?;
    for column in 1..column_index(GRID_FIXED) {
        sheet.write_string_with_format(total, column, "", &styles.total)?;
    }
    let award_weights: u32 = doc
        .requirements
        .iter()
        .filter(|requirement| requirement.kind == RequirementKind::Award)
        .map(|requirement| requirement.weight)
        .sum();
    sheet.write_number_with_format(total, 2, f64::from(award_weights), &styles.total)?;
    for (index, bid) in doc.bids.iter().enumerate() {
        sheet.write_string_with_format(
            total,
            pair(index),
            eligibility_word(lang, bid.eligible),
            &styles.total,
        )?;
        match score_number(bid) {
            Some(score) => sheet.write_number_with_format(
                total,
                pair(index) + 1,
                score,
                &styles.total_score,
            )?,
            None => sheet.write_string_with_format(
                total,
                pair(index) + 1,
                score_text(bid),
                &styles.total,
            )?,
        };
    }
    let last_column = column_index(GRID_FIXED + 2 * doc.bids.len()).saturating_sub(1);
    sheet.set_freeze_panes(GRID_HEADER_ROW + 1, 1)?;
    sheet.autofilter(GRID_HEADER_ROW, 0, last, last_column)?;
    Ok(())
}

fn overrides_sheet(
    sheet: &mut Worksheet,
    doc: &EvaluationDoc,
    styles: &Styles,
) -> Result<(), XlsxError> {
    let lang = doc.lang;
    sheet.set_name(text(lang, "eval-sheet-overrides"))?;
    sheet_heading(sheet, doc, styles)?;
    let columns = [
        ("eval-col-requirement", 13.0),
        ("eval-col-text", 40.0),
        ("eval-col-supplier", 24.0),
        ("eval-col-offer", 24.0),
        ("eval-col-answer", 14.0),
        ("eval-col-retained", 14.0),
        ("eval-col-justification", 50.0),
        ("eval-col-comment", 40.0),
        ("eval-col-evidence", 24.0),
    ];
    for (column, (key, width)) in columns.iter().enumerate() {
        let column = column_index(column);
        sheet.write_string_with_format(HEADER_ROW, column, text(lang, key), &styles.header)?;
        sheet.set_column_width(column, *width)?;
    }
    let mut count = 0;
    for (index, (requirement, bid, cell)) in overrides(doc).enumerate() {
        let row = HEADER_ROW + 1 + row_index(index);
        let values = [
            requirement.code.clone(),
            requirement.text.clone(),
            bid.supplier.clone(),
            bid.offer.clone(),
            answer_word(lang, cell.answer),
            retained(lang, requirement, cell),
            cell.override_justification.clone().unwrap_or_default(),
            cell.comment.clone(),
            cell.evidence_ref.clone(),
        ];
        for (column, value) in values.iter().enumerate() {
            sheet.write_string_with_format(row, column_index(column), value, &styles.wrap)?;
        }
        count += 1;
    }
    sheet.set_freeze_panes(HEADER_ROW + 1, 0)?;
    sheet.autofilter(
        HEADER_ROW,
        0,
        HEADER_ROW + row_index(count),
        column_index(columns.len() - 1),
    )?;
    Ok(())
}

/// The year, month and day of a report date written the ISO way
/// (`2026-11-29`, perhaps followed by a time).
fn iso_date(generated: &str) -> Option<(u16, u8, u8)> {
    let date = generated.trim().get(..10)?;
    let mut parts = date.split('-');
    let year = parts.next().filter(|part| part.len() == 4)?.parse().ok()?;
    let month = parts.next().filter(|part| part.len() == 2)?.parse().ok()?;
    let day = parts.next().filter(|part| part.len() == 2)?.parse().ok()?;
    Some((year, month, day))
}

/// The creation date the workbook records: the report's date when it is
/// an ISO date, otherwise a fixed one, never the clock.
fn creation_date(generated: &str) -> ExcelDateTime {
    let (year, month, day) = iso_date(generated).unwrap_or((2000, 1, 1));
    ExcelDateTime::from_ymd(year, month, day)
        .or_else(|_| ExcelDateTime::from_ymd(2000, 1, 1))
        .unwrap_or_default()
}

/// The spreadsheet: the summary, the grid (one row per requirement, an
/// answer and a credit column per bid, each filled by its outcome and
/// saying it in words) and the overrides. Everything people typed is
/// written as text, never as a formula.
pub fn evaluation_xlsx(doc: &EvaluationDoc) -> Result<Vec<u8>, DocError> {
    let mut workbook = Workbook::new();
    let properties = DocProperties::new()
        .set_title(text(doc.lang, "eval-title"))
        .set_subject(project_line(doc))
        .set_company(&doc.organisation)
        .set_creation_datetime(&creation_date(&doc.generated));
    workbook.set_properties(&properties);
    let styles = Styles::new();
    summary_sheet(workbook.add_worksheet(), doc, &styles).map_err(xlsx)?;
    grid_sheet(workbook.add_worksheet(), doc, &styles).map_err(xlsx)?;
    overrides_sheet(workbook.add_worksheet(), doc, &styles).map_err(xlsx)?;
    workbook.save_to_buffer().map_err(xlsx)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_grid_splits_evenly_under_the_limit() {
        assert_eq!(split(0), Vec::<usize>::new());
        assert_eq!(split(3), vec![3]);
        assert_eq!(split(4), vec![4]);
        assert_eq!(split(5), vec![3, 2]);
        assert_eq!(split(6), vec![3, 3]);
        assert_eq!(split(9), vec![3, 3, 3]);
        for count in 1..40 {
            let sizes = split(count);
            assert_eq!(sizes.iter().sum::<usize>(), count);
            assert!(sizes.iter().all(|size| (1..=BIDS_PER_TABLE).contains(size)));
        }
    }

    #[test]
    fn only_an_iso_date_sets_the_creation_date() {
        assert_eq!(iso_date("2026-11-29"), Some((2026, 11, 29)));
        assert_eq!(iso_date(" 2026-11-29T10:00:00Z"), Some((2026, 11, 29)));
        assert_eq!(iso_date("29/11/2026"), None);
        assert_eq!(iso_date("29 November 2026"), None);
        assert_eq!(iso_date(""), None);
    }
}

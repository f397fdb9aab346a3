//! The tender page of a project: the security requirements proposed for
//! the call for tenders, the team's choices of kind and weight, and the
//! organisation's own requirements.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use procura_docs::tender::AnnexFormat;
use procura_domain::{Lang, ProcurementType, ProjectId, RequirementKind};
use procura_i18n::MessageKey;
use procura_service::tender::{
    CustomRequirementInput, GradeChange, LineChange, TenderEdit, TenderView, TermsChange,
};

use crate::auth::now;
use crate::error::{WebError, WebResult};
use crate::kit::form_page::{Choice, fixable, message};
use crate::kit::forms::{Fields, Form, practice_numbers};
use crate::kit::ids::Id;
use crate::render::{Page, RequestContext, html_for, redirect};
use crate::state::AppState;

pub struct LineRow {
    pub code: String,
    pub title: String,
    pub text: String,
    /// Each reference with its label, for the details.
    pub refs: Vec<String>,
    /// Why it is asked beyond the guidelines' mapping.
    pub beyond_enisa: Option<String>,
    /// A caution for the buyer.
    pub note: Option<String>,
    /// A clause's penalty: the amount as shown in the field, and its unit.
    pub penalty: Option<(String, String)>,
    pub evidence: String,
    pub practices: String,
    pub standards: String,
    pub kind: String,
    pub weight: u32,
    pub included: bool,
    pub new: bool,
    pub custom: bool,
    pub award: bool,
    /// The requirement's theme: its first topic.
    pub theme: Option<procura_domain::Topic>,
}

/// The requirements of one theme, as the table groups them.
pub struct LineGroup {
    pub name: String,
    pub count: String,
    pub rows: Vec<LineRow>,
}

pub struct Download {
    pub href: String,
    pub label: String,
}

#[derive(Template)]
#[template(path = "tender.html")]
pub struct TenderPage {
    pub page: Page,
    pub project_id: String,
    pub reference: String,
    pub project_title: String,
    pub version: i64,
    pub can_edit: bool,
    pub groups: Vec<LineGroup>,
    /// The themes to filter on, and the one chosen.
    pub themes: Vec<Choice>,
    pub filtered: bool,
    pub kinds: Vec<Choice>,
    pub included: usize,
    pub award_total: u32,
    pub award_count: usize,
    pub total_ok: bool,
    pub downloads: Vec<Download>,
    pub available: Vec<(String, String)>,
    pub types: Vec<Choice>,
    /// Own requirements are created by those who may start projects.
    pub can_create_custom: bool,
    pub error: Option<String>,
    pub conflict: bool,
    pub lot: String,
    pub penalty_cap: String,
    pub default_penalty_cap: u32,
    pub grading: Vec<GradeRow>,
    pub tabs: crate::kit::tabs::ProjectTabs,
    /// The DCE's publications, the latest first.
    pub publications: Vec<PublicationRow>,
    pub published: bool,
    pub bid_count: usize,
    /// How many bids are registered, in words.
    pub bids_text: String,
    /// What a modification will be and do to the bids.
    pub modify_hint: String,
    /// The modification's reason as typed, after a refused save.
    pub reason: String,
}

/// One publication of the DCE as the page lists it.
pub struct PublicationRow {
    /// « Publié — version n° 2 du … », for the latest.
    pub status: String,
    /// « n° 2 — … », for the history.
    pub line: String,
    pub reason: String,
    pub changed: String,
}

/// One step of the grading scale as the form shows it.
pub struct GradeRow {
    pub value: u32,
    pub label_fr: String,
    pub label_en: String,
    pub descriptor_fr: String,
    pub descriptor_en: String,
}

/// The grading scale's steps typed in the form, when it has them.
fn typed_grading(form: &Fields) -> Vec<GradeChange> {
    form.all("grade")
        .into_iter()
        .filter_map(|value| {
            let grade = value.trim().parse::<u32>().ok()?;
            Some(GradeChange {
                grade,
                label_fr: form.get(&format!("grade-label-fr-{grade}")).to_owned(),
                label_en: form.get(&format!("grade-label-en-{grade}")).to_owned(),
                descriptor_fr: form.get(&format!("grade-descriptor-fr-{grade}")).to_owned(),
                descriptor_en: form.get(&format!("grade-descriptor-en-{grade}")).to_owned(),
            })
        })
        .collect()
}

/// Each reference as `name — point label`, from the registry.
fn reference_labels(refs: &[procura_domain::ReferenceId], lang: Lang) -> Vec<String> {
    let Ok(library) = procura_catalog::requirement_library() else {
        return refs.iter().map(ToString::to_string).collect();
    };
    refs.iter()
        .map(|id| library.references.describe(id, lang))
        .collect()
}

fn standard_names(codes: &[String]) -> String {
    let Ok(library) = procura_catalog::requirement_library() else {
        return codes.join(", ");
    };
    codes
        .iter()
        .map(|id| {
            library
                .standard(id)
                .map_or(id.as_str(), |s| s.name.as_str())
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// What a refused form carried, shown back as typed.
#[derive(Default)]
struct Typed<'a> {
    changes: Option<&'a [LineChange]>,
    terms: Option<&'a TermsChange>,
    reason: &'a str,
    /// The theme the table is filtered on.
    theme: Option<procura_domain::Topic>,
}

async fn render_page(
    state: &AppState,
    context: &RequestContext,
    view: &TenderView,
    typed_form: Typed<'_>,
    error: Option<WebError>,
) -> WebResult<Response> {
    let Typed {
        changes: submitted,
        terms: submitted_terms,
        reason,
        theme,
    } = typed_form;
    let lang = context.lang;
    let tr = context.tr();
    let title = format!("{} — {}", tr.t("tender-page-title"), view.project.reference);
    let page = Page::new(state, context, "projects", title).await;
    // After a refused save the form shows what the person typed.
    let typed = |code: &str| submitted.and_then(|changes| changes.iter().find(|c| c.code == code));
    let lines: Vec<LineRow> = view
        .lines
        .iter()
        .map(|line| {
            let (included, kind, weight) = match typed(line.code.as_str()) {
                Some(change) => (
                    change.included,
                    RequirementKind::parse(&change.kind).unwrap_or(line.kind),
                    change.weight.trim().parse::<u32>().unwrap_or(0).min(100),
                ),
                None => (line.included, line.kind, line.weight),
            };
            let penalty = line.penalty.map(|penalty| {
                let shown = typed(line.code.as_str()).map_or_else(
                    || penalty.amount_eur.to_string(),
                    |change| change.penalty.clone(),
                );
                let unit = tr.t(&format!("tender-penalty-unit-{}", penalty.basis.id()));
                (shown, unit)
            });
            LineRow {
                code: line.code.to_string(),
                title: line.title.get(lang).to_owned(),
                refs: reference_labels(&line.refs, lang),
                beyond_enisa: line
                    .beyond_enisa
                    .as_ref()
                    .map(|reason| reason.get(lang).to_owned()),
                note: line.note.as_ref().map(|note| note.get(lang).to_owned()),
                penalty,
                text: line.text.get(lang).to_owned(),
                evidence: line.evidence.get(lang).to_owned(),
                practices: line
                    .practices
                    .iter()
                    .map(|n| n.id())
                    .collect::<Vec<_>>()
                    .join(", "),
                standards: standard_names(&line.standards),
                kind: kind.id().to_owned(),
                weight,
                included,
                new: line.new,
                custom: line.custom,
                award: kind == RequirementKind::Award,
                theme: line.topics.first().copied(),
            }
        })
        .collect();
    let award: Vec<u32> = lines
        .iter()
        .filter(|line| line.included && line.award)
        .map(|line| line.weight)
        .collect();
    let award_total = award.iter().sum();
    let id = view.project.id;
    let mut downloads = Vec::new();
    for doc_lang in [Lang::Fr, Lang::En] {
        for format in AnnexFormat::ALL {
            downloads.push(Download {
                href: format!(
                    "/projects/{id}/tender/annex.{}?lang={}",
                    format.extension(),
                    doc_lang.code()
                ),
                label: tr.with(
                    "tender-download-annex",
                    &[
                        ("format", format.extension().to_uppercase().into()),
                        ("lang", doc_lang.code().to_uppercase().into()),
                    ],
                ),
            });
        }
        downloads.push(Download {
            href: format!(
                "/projects/{id}/tender/questionnaire.xlsx?lang={}",
                doc_lang.code()
            ),
            label: tr.with(
                "tender-download-questionnaire",
                &[("lang", doc_lang.code().to_uppercase().into())],
            ),
        });
    }
    let status = error.as_ref().map(|e| e.status);
    let template = TenderPage {
        project_id: id.to_string(),
        reference: view.project.reference.to_string(),
        project_title: view.project.title.clone(),
        version: view.version,
        can_edit: view.can_edit,
        included: lines.iter().filter(|line| line.included).count(),
        award_count: award.len(),
        total_ok: procura_domain::check_weights(&award).is_ok(),
        award_total,
        themes: procura_domain::Topic::ALL
            .iter()
            .filter(|topic| lines.iter().any(|line| line.theme == Some(**topic)))
            .map(|topic| Choice {
                id: topic.id().to_owned(),
                name: tr.t(&format!("topic-{}", topic.id())),
                selected: theme == Some(*topic),
            })
            .collect(),
        filtered: theme.is_some(),
        groups: group_by_theme(&tr, lines, theme),
        kinds: RequirementKind::ALL
            .iter()
            .map(|kind| Choice {
                id: kind.id().to_owned(),
                name: tr.t(&kind.message_key()),
                selected: false,
            })
            .collect(),
        downloads,
        available: view
            .available_custom
            .iter()
            .map(|own| {
                let text = match lang {
                    Lang::Fr if !own.text_fr.is_empty() => own.text_fr.clone(),
                    Lang::En if !own.text_en.is_empty() => own.text_en.clone(),
                    _ => format!("{}{}", own.text_fr, own.text_en),
                };
                (own.code.to_string(), text)
            })
            .collect(),
        types: ProcurementType::ALL
            .iter()
            .map(|kind| Choice {
                id: kind.id().to_owned(),
                name: state.catalog.procurement_type_name(*kind, lang).to_owned(),
                selected: view.project.procurement_types.contains(kind),
            })
            .collect(),
        can_create_custom: view.can_edit
            && context
                .principal
                .as_ref()
                .is_some_and(|p| p.can(procura_domain::Permission::CreateProjects)),
        conflict: error
            .as_ref()
            .is_some_and(|e| e.status == StatusCode::CONFLICT),
        error: error.as_ref().map(|e| message(context, e)),
        lot: submitted_terms
            .and_then(|terms| terms.lot.clone())
            .or_else(|| view.terms.lot.clone())
            .unwrap_or_default(),
        penalty_cap: submitted_terms
            .and_then(|terms| terms.penalty_cap.clone())
            .unwrap_or_else(|| view.terms.penalty_cap.percent().to_string()),
        default_penalty_cap: view.default_penalty_cap,
        grading: match submitted_terms.filter(|terms| !terms.grading.is_empty()) {
            Some(terms) => terms
                .grading
                .iter()
                .map(|step| GradeRow {
                    value: step.grade,
                    label_fr: step.label_fr.clone(),
                    label_en: step.label_en.clone(),
                    descriptor_fr: step.descriptor_fr.clone(),
                    descriptor_en: step.descriptor_en.clone(),
                })
                .collect(),
            None => view
                .terms
                .grading
                .iter()
                .map(|step| GradeRow {
                    value: step.value,
                    label_fr: step.label.fr.clone(),
                    label_en: step.label.en.clone(),
                    descriptor_fr: step.descriptor.fr.clone(),
                    descriptor_en: step.descriptor.en.clone(),
                })
                .collect(),
        },
        publications: view
            .publications
            .iter()
            .rev()
            .map(|p| {
                let args = [
                    ("number", p.number.into()),
                    (
                        "date",
                        crate::kit::time::moment(lang, context.time_zone(), p.published_at).into(),
                    ),
                ];
                PublicationRow {
                    status: tr.with("tender-published-status", &args),
                    line: tr.with("tender-publication-line", &args),
                    reason: p.reason.clone(),
                    changed: p
                        .changed
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join(", "),
                }
            })
            .collect(),
        published: view.published().is_some(),
        tabs: crate::kit::tabs::ProjectTabs::new(
            &tr,
            &view.project,
            crate::kit::tabs::ProjectTab::Tender,
        ),
        bid_count: view.bid_count,
        bids_text: tr.with("tender-bids-count", &[("count", view.bid_count.into())]),
        modify_hint: tr.with(
            "tender-modify-hint",
            &[
                ("next", (view.publications.len() + 1).into()),
                ("count", view.bid_count.into()),
            ],
        ),
        reason: reason.to_owned(),
        page,
    };
    html_for(status, &template)
}

/// The rows by theme, in the topics' order, own requirements last; with a
/// theme chosen, that theme's rows only.
fn group_by_theme(
    tr: &crate::i18n::Tr,
    rows: Vec<LineRow>,
    only: Option<procura_domain::Topic>,
) -> Vec<LineGroup> {
    let mut groups: Vec<(Option<procura_domain::Topic>, Vec<LineRow>)> = Vec::new();
    for row in rows {
        if only.is_some() && row.theme != only {
            continue;
        }
        match groups.iter_mut().find(|(theme, _)| *theme == row.theme) {
            Some((_, rows)) => rows.push(row),
            None => groups.push((row.theme, vec![row])),
        }
    }
    groups.sort_by_key(|(theme, _)| {
        theme.map_or(usize::MAX, |t| {
            procura_domain::Topic::ALL
                .iter()
                .position(|x| *x == t)
                .unwrap_or(usize::MAX)
        })
    });
    groups
        .into_iter()
        .map(|(theme, rows)| LineGroup {
            name: theme.map_or_else(
                || tr.t("tender-custom"),
                |t| tr.t(&format!("topic-{}", t.id())),
            ),
            count: tr.with("tender-theme-count", &[("count", rows.len().into())]),
            rows,
        })
        .collect()
}

#[derive(Debug, serde::Deserialize)]
pub struct ThemeQuery {
    theme: Option<String>,
}

pub async fn show(
    State(state): State<AppState>,
    context: RequestContext,
    Id(id): Id<ProjectId>,
    axum::extract::Query(query): axum::extract::Query<ThemeQuery>,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let view = state.services.tender(principal, state.catalog, id).await?;
    let theme = query
        .theme
        .as_deref()
        .filter(|t| !t.is_empty())
        .map(|t| procura_domain::Topic::parse(t).ok_or_else(|| WebError::invalid("invalid-theme")))
        .transpose()?;
    let typed = Typed {
        theme,
        ..Typed::default()
    };
    render_page(&state, &context, &view, typed, None).await
}

/// The changes a submitted form carries: every line is listed in `line`,
/// the included ones in `include`.
fn changes(form: &Fields) -> Vec<LineChange> {
    let included = form.all("include");
    form.all("line")
        .into_iter()
        .map(|code| LineChange {
            code: code.to_owned(),
            included: included.contains(&code),
            kind: form.get(&format!("kind-{code}")).to_owned(),
            weight: form.get(&format!("weight-{code}")).to_owned(),
            penalty: form.get(&format!("penalty-{code}")).to_owned(),
        })
        .collect()
}

pub async fn save(
    State(state): State<AppState>,
    context: RequestContext,
    Id(id): Id<ProjectId>,
    Form(form): Form<Fields>,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let version = form.version()?;
    let changes = changes(&form);
    let spread = form.get("action") == "spread";
    let reason = form.get("reason");
    let modification = (form.get("action") == "modify").then_some(reason);
    let terms = TermsChange {
        lot: Some(form.get("lot").to_owned()),
        penalty_cap: Some(form.get("penalty-cap").to_owned()),
        grading: typed_grading(&form),
    };
    match state
        .services
        .save_tender(
            principal,
            state.catalog,
            id,
            version,
            &TenderEdit {
                changes: &changes,
                spread,
                terms: Some(&terms),
                modification,
                ..TenderEdit::default()
            },
            now(),
        )
        .await
    {
        Ok(_) => {
            let done = if modification.is_some() {
                "modified"
            } else {
                "saved"
            };
            Ok(redirect(&format!("/projects/{id}/tender?done={done}")))
        }
        Err(error) => {
            let error = WebError::from(error);
            if !fixable(&error) {
                return Err(error);
            }
            let current = state.services.tender(principal, state.catalog, id).await?;
            render_page(
                &state,
                &context,
                &current,
                Typed {
                    changes: Some(&changes),
                    terms: Some(&terms),
                    reason,
                    theme: None,
                },
                Some(error),
            )
            .await
        }
    }
}

pub async fn add(
    State(state): State<AppState>,
    context: RequestContext,
    Id(id): Id<ProjectId>,
    Form(form): Form<Fields>,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let version = form.version()?;
    let adds = [form.get("code").to_owned()];
    let result = state
        .services
        .save_tender(
            principal,
            state.catalog,
            id,
            version,
            &TenderEdit {
                adds: &adds,
                modification: (form.get("action") == "modify").then_some(form.get("reason")),
                ..TenderEdit::default()
            },
            now(),
        )
        .await;
    finish(&state, &context, id, result.map(|_| ()), "added").await
}

/// Publishes the tender: the DCE goes out and the selection is frozen.
pub async fn publish(
    State(state): State<AppState>,
    context: RequestContext,
    Id(id): Id<ProjectId>,
    Form(form): Form<Fields>,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let version = form.version()?;
    let result = state
        .services
        .publish_tender(principal, state.catalog, id, version, now())
        .await;
    finish(&state, &context, id, result.map(|_| ()), "published").await
}

async fn finish(
    state: &AppState,
    context: &RequestContext,
    id: ProjectId,
    result: Result<(), procura_service::ServiceError>,
    done: &str,
) -> WebResult<Response> {
    match result {
        Ok(()) => Ok(redirect(&format!("/projects/{id}/tender?done={done}"))),
        Err(error) => {
            let error = WebError::from(error);
            if !fixable(&error) {
                return Err(error);
            }
            let principal = context.principal()?;
            let current = state.services.tender(principal, state.catalog, id).await?;
            render_page(state, context, &current, Typed::default(), Some(error)).await
        }
    }
}

/// Creates one of the organisation's own requirements and adds it to this
/// project's selection.
pub async fn create_custom(
    State(state): State<AppState>,
    context: RequestContext,
    Id(id): Id<ProjectId>,
    Form(form): Form<Fields>,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let version = form.version()?;
    let mut types = Vec::new();
    for value in form.all("type") {
        types.push(
            ProcurementType::from_id(value)
                .map_err(|_| WebError::invalid("invalid-procurement-types"))?,
        );
    }
    let input = CustomRequirementInput {
        kind: form.get("kind").to_owned(),
        importance: form.get("importance").trim().parse().ok(),
        practices: practice_numbers(form.get("practices")),
        procurement_types: types,
        text_fr: form.get("text_fr").to_owned(),
        text_en: form.get("text_en").to_owned(),
        evidence_fr: form.get("evidence_fr").to_owned(),
        evidence_en: form.get("evidence_en").to_owned(),
    };
    // The requirement joins the library and the selection together.
    let result = state
        .services
        .create_custom_requirement(principal, state.catalog, &input, Some((id, version)), now())
        .await
        .map(|_| ());
    finish(&state, &context, id, result, "added").await
}

#[cfg(test)]
mod tests {
    use procura_domain::{Lang, Topic};

    use crate::i18n::Tr;

    #[test]
    fn every_theme_has_a_name_in_both_languages() {
        for lang in [Lang::Fr, Lang::En] {
            for topic in Topic::ALL {
                let name = Tr(lang).t(&format!("topic-{}", topic.id()));
                assert!(
                    !name.contains("Unknown localization key"),
                    "{lang:?} {topic:?}"
                );
            }
        }
    }
}

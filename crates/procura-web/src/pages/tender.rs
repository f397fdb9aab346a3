//! The tender page of a project: the security requirements proposed for
//! the call for tenders, the team's choices of kind and weight, the
//! organisation's own requirements, and the documents made from them.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use procura_docs::tender::{
    AnnexFormat, XLSX_CONTENT_TYPE, build_annex, questionnaire_xlsx, render_annex,
};
use procura_domain::{Lang, ProcurementType, ProjectId, RequirementKind};
use procura_service::tender::{CustomRequirementInput, LineChange, TenderView};
use serde::Deserialize;

use super::projects::{Choice, attachment, field, fields, fixable, message, pairs, project_id};
use crate::auth::now;
use crate::error::{WebError, WebResult};
use crate::render::{Page, RequestContext, html_for, redirect};
use crate::state::AppState;

pub struct LineRow {
    pub code: String,
    pub text: String,
    pub evidence: String,
    pub practices: String,
    pub standards: String,
    pub kind: String,
    pub weight: u32,
    pub included: bool,
    pub new: bool,
    pub custom: bool,
    pub award: bool,
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
    pub lines: Vec<LineRow>,
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

async fn render_page(
    state: &AppState,
    context: &RequestContext,
    view: &TenderView,
    submitted: Option<&[LineChange]>,
    error: Option<WebError>,
) -> WebResult<Response> {
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
            LineRow {
                code: line.code.to_string(),
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
        reference: view.project.reference.clone(),
        project_title: view.project.title.clone(),
        version: view.version,
        can_edit: view.can_edit,
        included: lines.iter().filter(|line| line.included).count(),
        award_count: award.len(),
        total_ok: procura_domain::check_weights(&award).is_ok(),
        award_total,
        lines,
        kinds: RequirementKind::ALL
            .iter()
            .map(|kind| Choice {
                id: kind.id().to_owned(),
                name: tr.t(&format!("tender-kind-{}", kind.id())),
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
        page,
    };
    html_for(status, &template)
}

pub async fn show(
    State(state): State<AppState>,
    context: RequestContext,
    Path(id): Path<String>,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let view = state
        .services
        .tender(principal, state.catalog, project_id(&id)?)
        .await?;
    render_page(&state, &context, &view, None, None).await
}

/// The `version` field every versioned form carries.
pub(crate) fn version(form: &[(String, String)]) -> WebResult<i64> {
    field(form, "version")
        .parse()
        .map_err(|_| WebError::bad_request("error-malformed-form"))
}

/// The changes a submitted form carries: every line is listed in `line`,
/// the included ones in `include`.
fn changes(form: &[(String, String)]) -> Vec<LineChange> {
    let included = fields(form, "include");
    fields(form, "line")
        .into_iter()
        .map(|code| LineChange {
            code: code.to_owned(),
            included: included.contains(&code),
            kind: field(form, &format!("kind-{code}")).to_owned(),
            weight: field(form, &format!("weight-{code}")).to_owned(),
        })
        .collect()
}

pub async fn save(
    State(state): State<AppState>,
    context: RequestContext,
    Path(id): Path<String>,
    body: Bytes,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let id = project_id(&id)?;
    let form = pairs(&body);
    let version = version(&form)?;
    let changes = changes(&form);
    let spread = field(&form, "action") == "spread";
    match state
        .services
        .save_tender(
            principal,
            state.catalog,
            id,
            version,
            &[],
            &changes,
            spread,
            now(),
        )
        .await
    {
        Ok(_) => Ok(redirect(&format!("/projects/{id}/tender"))),
        Err(error) => {
            let error = WebError::from(error);
            if !fixable(&error) {
                return Err(error);
            }
            let current = state.services.tender(principal, state.catalog, id).await?;
            render_page(&state, &context, &current, Some(&changes), Some(error)).await
        }
    }
}

pub async fn add(
    State(state): State<AppState>,
    context: RequestContext,
    Path(id): Path<String>,
    body: Bytes,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let id = project_id(&id)?;
    let form = pairs(&body);
    let version = version(&form)?;
    let result = state
        .services
        .save_tender(
            principal,
            state.catalog,
            id,
            version,
            &[field(&form, "code").to_owned()],
            &[],
            false,
            now(),
        )
        .await;
    finish(&state, &context, id, result.map(|_| ())).await
}

async fn finish(
    state: &AppState,
    context: &RequestContext,
    id: ProjectId,
    result: Result<(), procura_service::ServiceError>,
) -> WebResult<Response> {
    match result {
        Ok(()) => Ok(redirect(&format!("/projects/{id}/tender"))),
        Err(error) => {
            let error = WebError::from(error);
            if !fixable(&error) {
                return Err(error);
            }
            let principal = context.principal()?;
            let current = state.services.tender(principal, state.catalog, id).await?;
            render_page(state, context, &current, None, Some(error)).await
        }
    }
}

/// Parses `3, 26 BP-05` into practice numbers; unreadable parts are kept
/// as 0 so the service refuses them with a message.
pub(crate) fn practice_numbers(input: &str) -> Vec<u8> {
    input
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|part| !part.is_empty())
        .map(|part| {
            let digits = part
                .trim_start_matches(|c: char| c.is_ascii_alphabetic() || c == '-')
                .trim();
            digits.parse().unwrap_or(0)
        })
        .collect()
}

/// Creates one of the organisation's own requirements and adds it to this
/// project's selection.
pub async fn create_custom(
    State(state): State<AppState>,
    context: RequestContext,
    Path(id): Path<String>,
    body: Bytes,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let id = project_id(&id)?;
    let form = pairs(&body);
    let version = version(&form)?;
    let mut types = Vec::new();
    for value in fields(&form, "type") {
        types.push(
            ProcurementType::from_id(value)
                .map_err(|_| WebError::invalid("invalid-procurement-types"))?,
        );
    }
    let input = CustomRequirementInput {
        kind: field(&form, "kind").to_owned(),
        importance: field(&form, "importance").trim().parse().ok(),
        practices: practice_numbers(field(&form, "practices")),
        procurement_types: types,
        text_fr: field(&form, "text_fr").to_owned(),
        text_en: field(&form, "text_en").to_owned(),
        evidence_fr: field(&form, "evidence_fr").to_owned(),
        evidence_en: field(&form, "evidence_en").to_owned(),
    };
    // The requirement joins the library and the selection together.
    let result = state
        .services
        .create_custom_requirement(principal, state.catalog, &input, Some((id, version)), now())
        .await
        .map(|_| ());
    finish(&state, &context, id, result).await
}

#[derive(Debug, Deserialize)]
pub struct LangQuery {
    pub(crate) lang: Option<String>,
}

/// The language asked for, or the reader's own.
pub(crate) fn document_lang(query: Option<&str>, fallback: Lang) -> WebResult<Lang> {
    match query {
        None | Some("") => Ok(fallback),
        Some(code) => Lang::parse(code).map_err(|_| WebError::invalid("invalid-language")),
    }
}

fn today() -> String {
    procura_domain::Day::from_unix_millis(now().millis()).to_string()
}

/// Builds the annex of a project in `lang`, refusing unbalanced weights.
pub(crate) async fn project_annex(
    state: &AppState,
    context: &RequestContext,
    id: ProjectId,
    lang: Lang,
) -> WebResult<(procura_docs::tender::Annex, String)> {
    let principal = context.principal()?;
    let input = state
        .services
        .tender_input(principal, state.catalog, id, &today())
        .await?;
    let library = procura_catalog::requirement_library().map_err(|error| {
        tracing::error!(%error, "requirement library");
        WebError::internal()
    })?;
    let reference = input
        .reference
        .clone()
        .unwrap_or_default()
        .replace('/', "-");
    let annex = build_annex(state.catalog, library, &input, lang)
        .map_err(|refusal| WebError::from(procura_service::ServiceError::Weights(refusal)))?;
    Ok((annex, reference))
}

/// `annex.docx`, `annex.pdf`, `annex.md`, `annex.html` or `questionnaire.xlsx`.
pub async fn document(
    State(state): State<AppState>,
    context: RequestContext,
    Path((id, file)): Path<(String, String)>,
    Query(query): Query<LangQuery>,
) -> WebResult<Response> {
    let id = project_id(&id)?;
    let lang = document_lang(query.lang.as_deref(), context.lang)?;
    let (stem, extension) = file.rsplit_once('.').ok_or_else(WebError::not_found)?;
    let (annex, reference) = project_annex(&state, &context, id, lang).await?;
    let failed = |error: procura_docs::DocError| {
        tracing::error!(%error, "tender document");
        WebError::internal()
    };
    match (stem, extension) {
        ("questionnaire", "xlsx") => attachment(
            questionnaire_xlsx(&annex).map_err(failed)?,
            XLSX_CONTENT_TYPE,
            &format!("{reference}-questionnaire-{}.xlsx", lang.code()),
        ),
        ("annex", extension) => {
            let format = AnnexFormat::parse(extension).ok_or_else(WebError::not_found)?;
            attachment(
                render_annex(&annex, format).map_err(failed)?,
                format.content_type(),
                &format!(
                    "{reference}-security-annex-{}.{}",
                    lang.code(),
                    format.extension()
                ),
            )
        }
        _ => Err(WebError::not_found()),
    }
}

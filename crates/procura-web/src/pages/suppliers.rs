//! The organisation's supplier register: companies with their
//! identifiers, contacts and certifications (expired ones flagged), and
//! the projects they bid on.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::Response;
use procura_domain::{Permission, SupplierId};
use procura_service::suppliers::{SupplierInput, SupplierView};

use super::bids::certification_lines;
use super::projects::{field, fixable, message, pairs};
use crate::auth::now;
use crate::error::{WebError, WebResult};
use crate::render::{Page, RequestContext, html_for, redirect};
use crate::state::AppState;

pub struct CertificationRow {
    pub name: String,
    pub scope: String,
    pub expires: String,
    pub expired: bool,
}

pub struct SupplierRow {
    pub id: String,
    pub name: String,
    pub company_id: String,
    pub vat: String,
    pub contacts: String,
    pub certifications: Vec<CertificationRow>,
    pub certifications_text: String,
    pub version: i64,
    /// Project id, reference, title, bid status.
    pub projects: Vec<(String, String, String, String)>,
}

fn row(context: &RequestContext, supplier: &SupplierView) -> SupplierRow {
    SupplierRow {
        id: supplier.id.to_string(),
        name: supplier.name.clone(),
        company_id: supplier.company_id.clone(),
        vat: supplier.vat.clone(),
        contacts: supplier.contacts.clone(),
        certifications: supplier
            .certifications
            .iter()
            .map(|view| CertificationRow {
                name: view.certification.name.clone(),
                scope: view.certification.scope.clone(),
                expires: view
                    .certification
                    .expires_on
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
                expired: view.expired,
            })
            .collect(),
        certifications_text: supplier
            .certifications
            .iter()
            .map(|view| &view.certification)
            .map(|c| {
                format!(
                    "{} | {} | {}",
                    c.name,
                    c.scope,
                    c.expires_on.map(|d| d.to_string()).unwrap_or_default()
                )
            })
            .collect::<Vec<_>>()
            .join("\n"),
        version: supplier.version,
        projects: supplier
            .projects
            .iter()
            .map(|project| {
                (
                    project.project_id.to_string(),
                    project.reference.clone(),
                    project.title.clone(),
                    context
                        .tr()
                        .t(&format!("bids-status-{}", project.bid_status.id())),
                )
            })
            .collect(),
    }
}

#[derive(Template)]
#[template(path = "suppliers.html")]
pub struct SuppliersPage {
    pub page: Page,
    pub suppliers: Vec<SupplierRow>,
    pub can_manage: bool,
    pub form: SupplierForm,
    pub error: Option<String>,
}

#[derive(Template)]
#[template(path = "supplier.html")]
pub struct SupplierPage {
    pub page: Page,
    pub supplier: SupplierRow,
    pub can_manage: bool,
    pub form: SupplierForm,
    pub error: Option<String>,
}

/// What the form shows: the record, or what was typed before an error.
#[derive(Debug, Default, Clone)]
pub struct SupplierForm {
    pub name: String,
    pub company_id: String,
    pub vat: String,
    pub contacts: String,
    pub certifications: String,
}

impl SupplierForm {
    fn from_pairs(form: &[(String, String)]) -> SupplierForm {
        SupplierForm {
            name: field(form, "name").to_owned(),
            company_id: field(form, "company_id").to_owned(),
            vat: field(form, "vat").to_owned(),
            contacts: field(form, "contacts").to_owned(),
            certifications: field(form, "certifications").to_owned(),
        }
    }

    fn input(&self) -> SupplierInput {
        SupplierInput {
            name: self.name.clone(),
            company_id: self.company_id.clone(),
            vat: self.vat.clone(),
            contacts: self.contacts.clone(),
            certifications: certification_lines(&self.certifications),
        }
    }
}

fn can_manage(context: &RequestContext) -> bool {
    context
        .principal
        .as_ref()
        .is_some_and(|p| p.can(Permission::ManageSuppliers))
}

async fn render_list(
    state: &AppState,
    context: &RequestContext,
    form: SupplierForm,
    error: Option<WebError>,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let title = context.tr().t("suppliers-title");
    let page = Page::new(state, context, "suppliers", title).await;
    let suppliers = state.services.suppliers(principal, now()).await?;
    let template = SuppliersPage {
        suppliers: suppliers.iter().map(|s| row(context, s)).collect(),
        can_manage: can_manage(context),
        form,
        error: error.as_ref().map(|e| message(context, e)),
        page,
    };
    html_for(error.map(|e| e.status), &template)
}

pub async fn list(State(state): State<AppState>, context: RequestContext) -> WebResult<Response> {
    render_list(&state, &context, SupplierForm::default(), None).await
}

pub async fn create(
    State(state): State<AppState>,
    context: RequestContext,
    body: Bytes,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let form = SupplierForm::from_pairs(&pairs(&body));
    match state
        .services
        .create_supplier(principal, &form.input(), now())
        .await
    {
        Ok(supplier) => Ok(redirect(&format!("/suppliers/{}", supplier.id))),
        Err(error) => {
            let error = WebError::from(error);
            if !fixable(&error) {
                return Err(error);
            }
            render_list(&state, &context, form, Some(error)).await
        }
    }
}

fn supplier_id(id: &str) -> WebResult<SupplierId> {
    SupplierId::parse(id).ok_or_else(WebError::not_found)
}

async fn render_one(
    state: &AppState,
    context: &RequestContext,
    id: SupplierId,
    typed: Option<SupplierForm>,
    error: Option<WebError>,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let view = state.services.supplier(principal, id, now()).await?;
    let supplier = row(context, &view);
    let page = Page::new(state, context, "suppliers", supplier.name.clone()).await;
    let form = typed.unwrap_or_else(|| SupplierForm {
        name: supplier.name.clone(),
        company_id: supplier.company_id.clone(),
        vat: supplier.vat.clone(),
        contacts: supplier.contacts.clone(),
        certifications: supplier.certifications_text.clone(),
    });
    let template = SupplierPage {
        supplier,
        can_manage: can_manage(context),
        form,
        error: error.as_ref().map(|e| message(context, e)),
        page,
    };
    html_for(error.map(|e| e.status), &template)
}

pub async fn show(
    State(state): State<AppState>,
    context: RequestContext,
    Path(id): Path<String>,
) -> WebResult<Response> {
    render_one(&state, &context, supplier_id(&id)?, None, None).await
}

pub async fn update(
    State(state): State<AppState>,
    context: RequestContext,
    Path(id): Path<String>,
    body: Bytes,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let id = supplier_id(&id)?;
    let pairs = pairs(&body);
    let version = super::tender::version(&pairs)?;
    let form = SupplierForm::from_pairs(&pairs);
    match state
        .services
        .update_supplier(principal, id, version, &form.input(), now())
        .await
    {
        Ok(_) => Ok(redirect(&format!("/suppliers/{id}"))),
        Err(error) => {
            let error = WebError::from(error);
            if !fixable(&error) {
                return Err(error);
            }
            render_one(&state, &context, id, Some(form), Some(error)).await
        }
    }
}

//! The organisation's supplier register: companies with their
//! identifiers, contacts and certifications (expired ones flagged), and
//! the projects they bid on.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use procura_domain::{Permission, SupplierId};
use procura_i18n::MessageKey;
use procura_service::suppliers::{SupplierInput, SupplierView};

use crate::auth::now;
use crate::error::{WebError, WebResult};
use crate::kit::certifications;
use crate::kit::form_page::{fixable, message};
use crate::kit::forms::{Fields, Form};
use crate::kit::ids::Id;
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
        certifications_text: certifications::to_lines(
            supplier.certifications.iter().map(|c| &c.certification),
        ),
        version: supplier.version,
        projects: supplier
            .projects
            .iter()
            .map(|project| {
                (
                    project.project_id.to_string(),
                    project.reference.clone(),
                    project.title.clone(),
                    context.tr().t(&project.bid_status.message_key()),
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
    fn from_fields(form: &Fields) -> SupplierForm {
        SupplierForm {
            name: form.get("name").to_owned(),
            company_id: form.get("company_id").to_owned(),
            vat: form.get("vat").to_owned(),
            contacts: form.get("contacts").to_owned(),
            certifications: form.get("certifications").to_owned(),
        }
    }

    fn input(&self) -> SupplierInput {
        SupplierInput {
            name: self.name.clone(),
            company_id: self.company_id.clone(),
            vat: self.vat.clone(),
            contacts: self.contacts.clone(),
            certifications: certifications::from_lines(&self.certifications),
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
    Form(fields): Form<Fields>,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let form = SupplierForm::from_fields(&fields);
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
    Id(id): Id<SupplierId>,
) -> WebResult<Response> {
    render_one(&state, &context, id, None, None).await
}

pub async fn update(
    State(state): State<AppState>,
    context: RequestContext,
    Id(id): Id<SupplierId>,
    Form(fields): Form<Fields>,
) -> WebResult<Response> {
    let principal = context.principal()?;
    let version = fields.version()?;
    let form = SupplierForm::from_fields(&fields);
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

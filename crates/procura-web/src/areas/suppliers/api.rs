//! The organisation's supplier register over the API: the same use cases
//! as the pages.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use procura_domain::SupplierId;
use procura_service::suppliers::{SupplierInput, SupplierView};
use serde::{Deserialize, Serialize};
use utoipa::{OpenApi, ToSchema};

use crate::auth::now;
use crate::error::WebResult;
use crate::kit::certifications::{self, Certification};
use crate::kit::error_body::ErrorBody;
use crate::kit::ids::Id;
use crate::kit::json_body::JsonBody;
use crate::render::RequestContext;
use crate::state::AppState;

#[derive(OpenApi)]
#[openapi(paths(suppliers, create_supplier, show_supplier, update_supplier))]
pub struct Doc;

#[derive(Debug, Serialize, ToSchema)]
pub struct Supplier {
    pub id: String,
    pub name: String,
    /// SIREN or SIRET, digits only.
    pub company_id: String,
    pub vat: String,
    pub contacts: String,
    pub certifications: Vec<Certification>,
    /// Projects it bid on that the caller sees: reference and bid status.
    pub projects: Vec<String>,
    pub version: i64,
}

fn supplier(view: &SupplierView) -> Supplier {
    Supplier {
        id: view.id.to_string(),
        name: view.name.clone(),
        company_id: view.company_id.clone(),
        vat: view.vat.clone(),
        contacts: view.contacts.clone(),
        certifications: view
            .certifications
            .iter()
            .map(|c| Certification::of(&c.certification, c.expired))
            .collect(),
        projects: view
            .projects
            .iter()
            .map(|project| format!("{} ({})", project.reference, project.bid_status.id()))
            .collect(),
        version: view.version,
    }
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct SupplierBody {
    pub name: String,
    #[serde(default)]
    pub company_id: String,
    #[serde(default)]
    pub vat: String,
    #[serde(default)]
    pub contacts: String,
    #[serde(default)]
    pub certifications: Vec<Certification>,
    /// The version read, for an update.
    #[serde(default)]
    pub version: i64,
}

impl SupplierBody {
    fn input(&self) -> SupplierInput {
        SupplierInput {
            name: self.name.clone(),
            company_id: self.company_id.clone(),
            vat: self.vat.clone(),
            contacts: self.contacts.clone(),
            certifications: certifications::inputs(&self.certifications),
        }
    }
}

/// The organisation's supplier register.
#[utoipa::path(get, path = "/api/v1/suppliers", tag = "evaluation",
    responses((status = 200, body = Vec<Supplier>)))]
pub async fn suppliers(
    State(state): State<AppState>,
    context: RequestContext,
) -> WebResult<Json<Vec<Supplier>>> {
    let list = state
        .services
        .suppliers(context.principal()?, now())
        .await?;
    Ok(Json(list.iter().map(supplier).collect()))
}

/// Adds a company to the register (buyers, CIO, CISO, administrators).
#[utoipa::path(post, path = "/api/v1/suppliers", tag = "evaluation", request_body = SupplierBody,
    responses((status = 201, body = Supplier), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create_supplier(
    State(state): State<AppState>,
    context: RequestContext,
    JsonBody(body): JsonBody<SupplierBody>,
) -> WebResult<(StatusCode, Json<Supplier>)> {
    let principal = context.principal()?;
    let created = state
        .services
        .create_supplier(principal, &body.input(), now())
        .await?;
    let view = state
        .services
        .supplier(principal, created.id, now())
        .await?;
    Ok((StatusCode::CREATED, Json(supplier(&view))))
}

#[utoipa::path(get, path = "/api/v1/suppliers/{id}", tag = "evaluation",
    params(("id" = String, Path, description = "Supplier id")),
    responses((status = 200, body = Supplier), (status = 404, body = ErrorBody)))]
pub async fn show_supplier(
    State(state): State<AppState>,
    context: RequestContext,
    Id(id): Id<SupplierId>,
) -> WebResult<Json<Supplier>> {
    let view = state
        .services
        .supplier(context.principal()?, id, now())
        .await?;
    Ok(Json(supplier(&view)))
}

/// Saves a supplier if nobody changed it since `version`.
#[utoipa::path(put, path = "/api/v1/suppliers/{id}", tag = "evaluation", request_body = SupplierBody,
    params(("id" = String, Path, description = "Supplier id")),
    responses((status = 200, body = Supplier), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn update_supplier(
    State(state): State<AppState>,
    context: RequestContext,
    Id(id): Id<SupplierId>,
    JsonBody(body): JsonBody<SupplierBody>,
) -> WebResult<Json<Supplier>> {
    let principal = context.principal()?;
    state
        .services
        .update_supplier(principal, id, body.version, &body.input(), now())
        .await?;
    let view = state.services.supplier(principal, id, now()).await?;
    Ok(Json(supplier(&view)))
}

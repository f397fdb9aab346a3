//! The registry of the texts requirements refer to: each scheme (NIS2, the
//! CRA, the MDR, IEC 62443-4-2, MDS2…) with the points a reference may
//! name, so a reference that names no real article is caught when the
//! library loads, and the cross-walk can list what a text holds.

use procura_domain::{Lang, Localized, ProcurementType, ReferenceId};

/// A text, with its points in the registry's order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReferenceScheme {
    pub id: String,
    pub name: Localized,
    /// Scope, application dates or an uncertainty the buyer should know.
    pub note: Option<Localized>,
    /// Purchases the text does not apply to: the CRA leaves devices under
    /// the MDR and IVDR to those regulations (CRA art. 2(2)).
    pub excludes_types: Vec<ProcurementType>,
    pub points: Vec<ReferencePoint>,
}

/// One article, annex point or clause.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReferencePoint {
    pub id: ReferenceId,
    pub label: Localized,
    pub note: Option<Localized>,
}

impl ReferenceScheme {
    pub fn point(&self, reference: &ReferenceId) -> Option<&ReferencePoint> {
        self.points.iter().find(|point| &point.id == reference)
    }

    /// Whether the text has nothing to say about a purchase of `types`
    /// only: every type is one it excludes.
    pub fn excluded_for(&self, types: &[ProcurementType]) -> bool {
        !types.is_empty() && types.iter().all(|kind| self.excludes_types.contains(kind))
    }
}

/// All schemes.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct References {
    pub schemes: Vec<ReferenceScheme>,
}

impl References {
    pub fn scheme(&self, id: &str) -> Option<&ReferenceScheme> {
        self.schemes.iter().find(|scheme| scheme.id == id)
    }

    pub fn point(&self, reference: &ReferenceId) -> Option<&ReferencePoint> {
        self.scheme(reference.scheme())?.point(reference)
    }

    /// A reference as a reader sees it, `text — point`, in `lang`; the
    /// raw id where the registry does not know it.
    pub fn describe(&self, reference: &ReferenceId, lang: Lang) -> String {
        let scheme = self
            .scheme(reference.scheme())
            .map_or(reference.scheme(), |scheme| scheme.name.get(lang));
        let point = self.point(reference).map_or_else(
            || reference.point().to_owned(),
            |point| point.label.get(lang).to_owned(),
        );
        format!("{scheme} — {point}")
    }
}

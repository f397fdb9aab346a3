//! The tabs every page of a project shows — Summary · Checklist · Tender ·
//! Bids · Risks · Timeline — with the project's stage as steps, so one
//! project reads as one place whatever page is open.

use procura_domain::ProjectRecord;

use crate::i18n::Tr;
use crate::kit::steps::{Step, steps};

/// Which page of the project is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProjectTab {
    Summary,
    Tender,
    Bids,
    Risks,
}

pub struct Tab {
    pub href: String,
    pub name: String,
    pub current: bool,
}

pub struct ProjectTabs {
    pub label: String,
    pub stage_label: String,
    pub tabs: Vec<Tab>,
    pub steps: Vec<Step>,
}

impl ProjectTabs {
    pub fn new(tr: &Tr, project: &ProjectRecord, open: ProjectTab) -> ProjectTabs {
        let id = project.id;
        let tab = |href: String, key: &str, this: Option<ProjectTab>| Tab {
            href,
            name: tr.t(key),
            current: this == Some(open),
        };
        ProjectTabs {
            label: tr.with(
                "tabs-label",
                &[("reference", project.reference.to_string().into())],
            ),
            stage_label: tr.t("projects-stage"),
            tabs: vec![
                tab(
                    format!("/projects/{id}"),
                    "tab-summary",
                    Some(ProjectTab::Summary),
                ),
                tab(
                    format!("/projects/{id}#checklist-title"),
                    "tab-checklist",
                    None,
                ),
                tab(
                    format!("/projects/{id}/tender"),
                    "tab-tender",
                    Some(ProjectTab::Tender),
                ),
                tab(
                    format!("/projects/{id}/bids"),
                    "tab-bids",
                    Some(ProjectTab::Bids),
                ),
                tab(
                    format!("/projects/{id}/risks"),
                    "tab-risks",
                    Some(ProjectTab::Risks),
                ),
                tab(
                    format!("/projects/{id}#timeline-title"),
                    "tab-timeline",
                    None,
                ),
            ],
            steps: steps(tr, project.stage),
        }
    }
}

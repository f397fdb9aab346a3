//! The project's history as its page shows it: the timeline, and what the
//! file a project was imported from claimed, kept apart and not verified.

use procura_domain::Stage;
use procura_service::ProjectView;

use crate::kit::names::stage_name;
use crate::kit::time::format_time;
use crate::render::RequestContext;

pub struct TimelineRow {
    pub at: String,
    pub actor: String,
    pub kind: String,
    pub detail: String,
}

/// One event of the project's own timeline: who, when, what in a sentence,
/// and the recorded details behind a disclosure.
pub struct EventRow {
    pub at: String,
    pub actor: String,
    pub sentence: String,
    pub details: Vec<(String, String)>,
}

/// What the file a project was imported from claimed, as the project page
/// shows it: apart from the project's own history, marked not verified.
pub struct ImportedSection {
    pub file_sha256: String,
    pub imported_by: String,
    pub imported_at: String,
    /// The file's own claims first, then those it carried from earlier imports.
    pub claimed: Vec<ClaimedHistory>,
}

pub struct ClaimedHistory {
    /// Claims an earlier import made, carried by the imported file.
    pub carried: bool,
    pub file_sha256: String,
    pub source: Option<String>,
    pub stage: String,
    pub created: String,
    pub sign_offs: Vec<String>,
    pub timeline: Vec<TimelineRow>,
    pub evidence: Vec<String>,
}

pub fn imported_section(context: &RequestContext, view: &ProjectView) -> Option<ImportedSection> {
    let history = view.imported.as_ref()?;
    let tr = context.tr();
    let time = format_time;
    let someone = |email: &Option<String>| email.clone().unwrap_or_else(|| "?".to_owned());
    let stage = |id: &str| match Stage::parse(id) {
        Some(stage) => stage_name(&tr, stage),
        None => id.to_owned(),
    };
    let claimed = history
        .claimed
        .iter()
        .enumerate()
        .map(|(index, claims)| ClaimedHistory {
            carried: index > 0,
            file_sha256: claims.file_sha256.clone(),
            source: claims.source.as_ref().map(|source| {
                let mut parts = vec![source.organisation.clone()];
                parts.extend(source.instance.clone());
                if let Some(by) = &source.exported_by {
                    parts.push(format!("{} {by}", tr.t("import-history-exported-by")));
                }
                parts.push(time(source.exported_at));
                parts.join(" — ")
            }),
            stage: stage(&claims.stage),
            created: format!(
                "{} — {}",
                someone(&claims.created_by),
                time(claims.created_at)
            ),
            sign_offs: claims
                .sign_offs
                .iter()
                .map(|s| {
                    format!(
                        "{} — {} — {} — {}",
                        stage(&s.phase),
                        someone(&s.signed_by),
                        time(s.signed_at),
                        s.comment
                    )
                })
                .collect(),
            timeline: claims
                .timeline
                .iter()
                .take(100)
                .map(|event| TimelineRow {
                    at: time(event.at),
                    actor: event.actor.clone(),
                    kind: event.kind.clone(),
                    detail: event.detail.to_string(),
                })
                .collect(),
            evidence: claims
                .items
                .iter()
                .flat_map(|item| {
                    item.evidence.iter().map(move |e| {
                        let mut line = format!(
                            "{} ({}) — {} — {} — {}",
                            item.practice,
                            stage(&item.phase),
                            e.name,
                            someone(&e.uploaded_by),
                            time(e.created_at)
                        );
                        if let Some(sha) = &e.sha256 {
                            line.push_str(&format!(" — SHA-256 {sha}"));
                        }
                        if let Some(size) = e.size {
                            line.push_str(&format!(" · {size} B"));
                        }
                        line
                    })
                })
                .collect(),
        })
        .collect();
    Some(ImportedSection {
        file_sha256: history.file_sha256.clone(),
        imported_by: view.email_of(history.imported_by).unwrap_or("?").to_owned(),
        imported_at: time(history.imported_at.millis()),
        claimed,
    })
}

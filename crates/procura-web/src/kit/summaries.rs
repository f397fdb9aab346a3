//! Short texts one area's pages show about another's records: the DPIA
//! screening on the checklist item of good practice 19, and the awarded
//! supplier's commitments on the project page.

use procura_domain::{BidRecord, CommitmentRecord};
use procura_service::bids::offer_name;
use procura_service::risks::RegisterView;

use super::time::format_time;
use crate::i18n::Tr;

/// The DPIA screening's result, decision and record, as lines of text
/// (empty when there is nothing to say).
pub fn dpia_lines(tr: &Tr, view: &RegisterView) -> (String, String, String) {
    match &view.dpia {
        None => (tr.t("dpia-none"), String::new(), String::new()),
        Some(dpia) => {
            let key = if dpia.required {
                "dpia-required"
            } else {
                "dpia-not-required"
            };
            let result = tr.with(key, &[("count", dpia.criteria.len().into())]);
            let who = view.email_of(dpia.decided_by).unwrap_or("").to_owned();
            let recorded = tr.with(
                "dpia-recorded",
                &[
                    ("who", who.into()),
                    ("when", format_time(dpia.decided_at.millis()).into()),
                ],
            );
            (result, dpia.decision.clone(), recorded)
        }
    }
}

/// The DPIA screening in one paragraph.
pub fn dpia_paragraph(tr: &Tr, view: &RegisterView) -> String {
    let (result, decision, recorded) = dpia_lines(tr, view);
    [result, decision, recorded]
        .into_iter()
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The awarded supplier's commitments as label and value lines.
pub fn commitment_lines(
    tr: &Tr,
    bid: &BidRecord,
    commitments: &CommitmentRecord,
) -> Vec<(String, String)> {
    let c = commitments;
    let mut lines = vec![
        (
            tr.t("bids-awarded-to"),
            format!("{} — {}", bid.supplier_name, offer_name(bid)),
        ),
        (
            tr.t("bids-support-end"),
            c.support_end.map(|d| d.to_string()).unwrap_or_default(),
        ),
        (
            tr.t("bids-patch-delay"),
            c.patch_delay_days
                .map(|d| tr.with("bids-days", &[("days", i64::from(d).into())]))
                .unwrap_or_default(),
        ),
        (tr.t("bids-remote-access"), c.remote_access.clone()),
    ];
    for certification in &c.certifications {
        lines.push((
            tr.t("bids-certification"),
            format!(
                "{}{}{}",
                certification.name,
                if certification.scope.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", certification.scope)
                },
                certification
                    .expires_on
                    .map(|d| format!(" — {} {d}", tr.t("bids-until")))
                    .unwrap_or_default()
            ),
        ));
    }
    lines
}

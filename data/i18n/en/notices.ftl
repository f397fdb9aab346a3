notice-saved = Changes saved.
notice-added = Added.
notice-updated = { $count ->
    [one] 1 action changed.
   *[other] { $count } actions changed.
}
notice-published = Tender documents published: the requirement list is frozen.
notice-modified = Modification of the tender documents saved: the bids concerned are flagged.
notice-signed = Phase signed off.
notice-advanced = The project moved to the next phase.
notice-submitted = Answers submitted.
notice-removed = Removed.
notice-graded = Grade saved.
invalid-evidence-locked = This action's phase is signed off: its evidence is kept as it was signed.
invalid-evidence-not-yours = Only the person who added this evidence may remove it.
evidence-remove = Remove
evidence-remove-title = Remove evidence
evidence-remove-question = Remove evidence "{ $name }" from action { $practice }?
evidence-remove-consequence = The evidence and its file are deleted; the removal is recorded in the project's timeline and the audit log. It is only possible while the phase is not signed off.
evidence-remove-confirm = Remove for good
evidence-remove-cancel = Cancel
invalid-cpv-check-digit = CPV code { $digits }-… has a wrong check digit: from its first eight digits it ends in -{ $expected } ({ $digits }-{ $expected }).
project-stakeholders-search = Type the start of an address: the organisation's members are suggested. Several people for one role: separate the addresses with commas.
risks-dismiss-reason = Why set this risk aside? (kept on the timeline)
risks-dismiss-confirm = Set this risk aside
invalid-dismiss-reason = Say why this risk is set aside: the reason is kept on the project's timeline.
users-remove-consequence = The person loses access to the organisation. Their actions, evidence and decisions stay, in their name; the removal is in the audit log.
users-remove-confirm = Remove from the organisation
invalid-time-zone = This time zone is not offered: choose one from the list.
org-time-zone = Organisation's time zone
org-time-zone-hint = Pages and documents show dates and times in this zone.
org-time-zone-save = Save the time zone
grid-full-text = Full text
error-fields = { $count ->
    [one] One field needs correcting: its message is next to it.
   *[other] { $count } fields need correcting: each message is next to its field.
}

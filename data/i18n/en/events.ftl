# Names of the changes recorded in the audit log and in a project's timeline,
# one per audit action (procura-domain AuditAction::message_key).

event-bid-add = Bid recorded
event-bid-answers = Bid answers changed
event-bid-award = Contract awarded
event-bid-import = Bid questionnaire imported
event-bid-link-issue = Supplier link issued
event-bid-link-revoke = Supplier link revoked
event-bid-override = Bid score adjusted
event-bid-rules = Scoring rules changed
event-bid-submit = Bid submitted by the supplier
event-dpia-screen = DPIA screening recorded
event-evidence-add = Evidence added
event-instance-setup = Instance set up
event-item-update = Item updated
event-organisation-create = Organisation created
event-organisation-rename = Organisation renamed
event-portal-access = Supplier portal accessed
event-portal-file = File uploaded on the portal
event-portal-open = Supplier portal opened
event-portal-refused = Portal access refused
event-portal-save = Answers saved on the portal
event-portal-submit = Answers submitted on the portal
event-project-advance = Moved to the next phase
event-project-create = Project created
event-project-force-advance = Transition forced
event-project-import = Project imported
event-project-sign-off = Phase signed off
event-project-sign-off-withdrawn = Phase sign-off withdrawn: an item of the phase changed
event-project-update = Project updated
event-requirement-create = Own requirement created
event-risk-accept = Risk accepted
event-risk-add = Risk added
event-risk-review = Risk review
event-risk-settings = Risk settings changed
event-risk-status = Risk status changed
event-risk-update = Risk updated
event-supplier-create = Supplier added
event-supplier-update = Supplier updated
event-tender-update = Tender requirements changed
event-tender-publish = Tender documents published
event-tender-modify = Tender documents modified
event-token-issue = API token created
event-token-revoke = API token revoked
event-user-add = Member added
event-user-change-password = Password changed
event-user-change-role = Role changed
event-user-invitation-accept = Invitation accepted
event-user-invitation-cancel = Invitation cancelled
event-user-invitation-decline = Invitation declined
event-user-invite = Invitation sent
event-user-remove = Member removed
event-user-reset-password = Password reset
event-user-set-language = Language changed
event-user-sign-in = Signed in
event-user-sign-in-failed = Sign-in refused
event-user-sign-out = Signed out
event-user-switch-organisation = Organisation switched


## One sentence per timeline event, from its recorded details
timeline-bid-add = Bid from { $supplier } recorded
timeline-bid-answers = Answers of { $supplier } entered ({ $answers ->
    [one] 1 answer
   *[other] { $answers } answers
})
timeline-bid-award = Contract awarded to { $supplier }
timeline-bid-import = Questionnaire of { $supplier } imported ({ $answers ->
    [one] 1 answer
   *[other] { $answers } answers
})
timeline-bid-link-issue = Portal link issued for { $supplier }
timeline-bid-link-revoke = Portal link revoked
timeline-bid-override = { $removed ->
    [yes] Decision removed for { $supplier }
   *[other] Requirement graded for { $supplier }
}
timeline-bid-rules = Scoring rules changed
timeline-bid-submit = { $supplier } submitted its answers through the portal
timeline-dpia-screen = DPIA screening: { $required ->
    [yes] impact assessment required
   *[other] no impact assessment required
} ({ $criteria_count ->
    [0] no criterion
    [one] 1 criterion
   *[other] { $criteria_count } criteria
})
timeline-evidence-add = Evidence "{ $name }" added to action { $practice }
timeline-instance-setup = { event-instance-setup }
timeline-item-update = { $practice } ({ $phase }): { $status_from } → { $status_to }
timeline-organisation-create = { event-organisation-create }
timeline-organisation-rename = { event-organisation-rename }
timeline-portal-access = { event-portal-access }
timeline-portal-file = { event-portal-file }
timeline-portal-open = { event-portal-open }
timeline-portal-refused = { event-portal-refused }
timeline-portal-save = { event-portal-save }
timeline-portal-submit = { event-portal-submit }
timeline-project-advance = Moved from "{ $from }" to "{ $to }"
timeline-project-create = Project { $reference } created: { $items ->
    [one] 1 checklist action
   *[other] { $items } checklist actions
}, { $proposed_risks ->
    [0] no risk proposed
    [one] 1 risk proposed
   *[other] { $proposed_risks } risks proposed
}
timeline-project-force-advance = Forced from "{ $from }" to "{ $to }": { $reason }
timeline-project-import = Project { $reference } imported
timeline-project-sign-off = Phase "{ $phase }" signed off by the CISO
timeline-project-sign-off-withdrawn = Sign-off of phase "{ $phase }" withdrawn: action { $practice } changed
timeline-project-update = Project { $reference } changed
timeline-requirement-create = { event-requirement-create }
timeline-risk-accept = Residual risk accepted (status: { $status })
timeline-risk-add = Risk added: { $threat_group }
timeline-risk-review = Risk review of phase "{ $stage }"
timeline-risk-settings = { event-risk-settings }
timeline-risk-status = Risk status: { $status }
timeline-risk-update = Risk changed (status: { $status })
timeline-supplier-create = { event-supplier-create }
timeline-supplier-update = { event-supplier-update }
timeline-tender-modify = Tender documents modified — version { $number }: { $reason } ({ $changed_count ->
    [one] 1 changed requirement
   *[other] { $changed_count } changed requirements
})
timeline-tender-publish = Tender documents published — version 1 ({ $included } requirements)
timeline-tender-update = Requirements changed: { $included } kept, award criteria at { $award_total }%
timeline-token-issue = { event-token-issue }
timeline-token-revoke = { event-token-revoke }
timeline-user-add = { event-user-add }
timeline-user-change-password = { event-user-change-password }
timeline-user-change-role = { event-user-change-role }
timeline-user-invitation-accept = { event-user-invitation-accept }
timeline-user-invitation-cancel = { event-user-invitation-cancel }
timeline-user-invitation-decline = { event-user-invitation-decline }
timeline-user-invite = { event-user-invite }
timeline-user-remove = { event-user-remove }
timeline-user-reset-password = { event-user-reset-password }
timeline-user-set-language = { event-user-set-language }
timeline-user-sign-in = { event-user-sign-in }
timeline-user-sign-in-failed = { event-user-sign-in-failed }
timeline-user-sign-out = { event-user-sign-out }
timeline-user-switch-organisation = { event-user-switch-organisation }
timeline-details = Details
timeline-actor-portal = Supplier portal
timeline-actor-cli = Command line
event-evidence-remove = Evidence removed
timeline-evidence-remove = Evidence "{ $name }" removed from action { $practice } by the person who added it
event-organisation-time-zone = Organisation's time zone changed
timeline-organisation-time-zone = { event-organisation-time-zone }

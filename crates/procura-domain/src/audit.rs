//! What the audit log and a project's timeline record: one closed list of
//! actions, each with the id stored in the database and the interface key
//! that names it, so no change can be logged under a name nobody can read.

/// A change recorded in the audit log (and, for a project's changes, in its
/// timeline).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AuditAction {
    BidAdd,
    BidAnswers,
    BidAward,
    BidImport,
    BidLinkIssue,
    BidLinkRevoke,
    BidOverride,
    BidRules,
    BidSubmit,
    DpiaScreen,
    EvidenceAdd,
    /// Its uploader removed a piece of evidence before the phase was signed off.
    EvidenceRemove,
    InstanceSetup,
    ItemUpdate,
    OrganisationCreate,
    OrganisationRename,
    /// The organisation's time zone changed.
    OrganisationTimeZone,
    PortalAccess,
    PortalFile,
    PortalOpen,
    PortalRefused,
    PortalSave,
    PortalSubmit,
    ProjectAdvance,
    ProjectCreate,
    ProjectForceAdvance,
    ProjectImport,
    ProjectSignOff,
    /// A change to an item of a signed-off phase withdrew the sign-off.
    ProjectSignOffWithdrawn,
    ProjectUpdate,
    RequirementCreate,
    RiskAccept,
    RiskAdd,
    RiskReview,
    RiskSettings,
    RiskStatus,
    RiskUpdate,
    SupplierCreate,
    SupplierUpdate,
    TenderUpdate,
    /// The DCE went out: the tender's selection is frozen.
    TenderPublish,
    /// A modification of the published DCE, with its reason.
    TenderModify,
    TokenIssue,
    TokenRevoke,
    UserAdd,
    UserChangePassword,
    UserChangeRole,
    UserInvitationAccept,
    UserInvitationCancel,
    UserInvitationDecline,
    UserInvite,
    UserRemove,
    UserResetPassword,
    UserSetLanguage,
    UserSignIn,
    UserSignInFailed,
    UserSignOut,
    UserSwitchOrganisation,
}

impl AuditAction {
    pub const ALL: [AuditAction; 58] = [
        AuditAction::BidAdd,
        AuditAction::BidAnswers,
        AuditAction::BidAward,
        AuditAction::BidImport,
        AuditAction::BidLinkIssue,
        AuditAction::BidLinkRevoke,
        AuditAction::BidOverride,
        AuditAction::BidRules,
        AuditAction::BidSubmit,
        AuditAction::DpiaScreen,
        AuditAction::EvidenceAdd,
        AuditAction::EvidenceRemove,
        AuditAction::InstanceSetup,
        AuditAction::ItemUpdate,
        AuditAction::OrganisationCreate,
        AuditAction::OrganisationRename,
        AuditAction::OrganisationTimeZone,
        AuditAction::PortalAccess,
        AuditAction::PortalFile,
        AuditAction::PortalOpen,
        AuditAction::PortalRefused,
        AuditAction::PortalSave,
        AuditAction::PortalSubmit,
        AuditAction::ProjectAdvance,
        AuditAction::ProjectCreate,
        AuditAction::ProjectForceAdvance,
        AuditAction::ProjectImport,
        AuditAction::ProjectSignOff,
        AuditAction::ProjectSignOffWithdrawn,
        AuditAction::ProjectUpdate,
        AuditAction::RequirementCreate,
        AuditAction::RiskAccept,
        AuditAction::RiskAdd,
        AuditAction::RiskReview,
        AuditAction::RiskSettings,
        AuditAction::RiskStatus,
        AuditAction::RiskUpdate,
        AuditAction::SupplierCreate,
        AuditAction::SupplierUpdate,
        AuditAction::TenderUpdate,
        AuditAction::TenderPublish,
        AuditAction::TenderModify,
        AuditAction::TokenIssue,
        AuditAction::TokenRevoke,
        AuditAction::UserAdd,
        AuditAction::UserChangePassword,
        AuditAction::UserChangeRole,
        AuditAction::UserInvitationAccept,
        AuditAction::UserInvitationCancel,
        AuditAction::UserInvitationDecline,
        AuditAction::UserInvite,
        AuditAction::UserRemove,
        AuditAction::UserResetPassword,
        AuditAction::UserSetLanguage,
        AuditAction::UserSignIn,
        AuditAction::UserSignInFailed,
        AuditAction::UserSignOut,
        AuditAction::UserSwitchOrganisation,
    ];

    /// The id stored in the audit log and the timeline (`bid.link.issue`).
    pub fn id(self) -> &'static str {
        match self {
            AuditAction::BidAdd => "bid.add",
            AuditAction::BidAnswers => "bid.answers",
            AuditAction::BidAward => "bid.award",
            AuditAction::BidImport => "bid.import",
            AuditAction::BidLinkIssue => "bid.link.issue",
            AuditAction::BidLinkRevoke => "bid.link.revoke",
            AuditAction::BidOverride => "bid.override",
            AuditAction::BidRules => "bid.rules",
            AuditAction::BidSubmit => "bid.submit",
            AuditAction::DpiaScreen => "dpia.screen",
            AuditAction::EvidenceAdd => "evidence.add",
            AuditAction::EvidenceRemove => "evidence.remove",
            AuditAction::InstanceSetup => "instance.setup",
            AuditAction::ItemUpdate => "item.update",
            AuditAction::OrganisationCreate => "organisation.create",
            AuditAction::OrganisationRename => "organisation.rename",
            AuditAction::OrganisationTimeZone => "organisation.time_zone",
            AuditAction::PortalAccess => "portal.access",
            AuditAction::PortalFile => "portal.file",
            AuditAction::PortalOpen => "portal.open",
            AuditAction::PortalRefused => "portal.refused",
            AuditAction::PortalSave => "portal.save",
            AuditAction::PortalSubmit => "portal.submit",
            AuditAction::ProjectAdvance => "project.advance",
            AuditAction::ProjectCreate => "project.create",
            AuditAction::ProjectForceAdvance => "project.force_advance",
            AuditAction::ProjectImport => "project.import",
            AuditAction::ProjectSignOff => "project.sign_off",
            AuditAction::ProjectSignOffWithdrawn => "project.sign_off_withdrawn",
            AuditAction::ProjectUpdate => "project.update",
            AuditAction::RequirementCreate => "requirement.create",
            AuditAction::RiskAccept => "risk.accept",
            AuditAction::RiskAdd => "risk.add",
            AuditAction::RiskReview => "risk.review",
            AuditAction::RiskSettings => "risk.settings",
            AuditAction::RiskStatus => "risk.status",
            AuditAction::RiskUpdate => "risk.update",
            AuditAction::SupplierCreate => "supplier.create",
            AuditAction::SupplierUpdate => "supplier.update",
            AuditAction::TenderUpdate => "tender.update",
            AuditAction::TenderPublish => "tender.publish",
            AuditAction::TenderModify => "tender.modify",
            AuditAction::TokenIssue => "token.issue",
            AuditAction::TokenRevoke => "token.revoke",
            AuditAction::UserAdd => "user.add",
            AuditAction::UserChangePassword => "user.change_password",
            AuditAction::UserChangeRole => "user.change_role",
            AuditAction::UserInvitationAccept => "user.invitation_accept",
            AuditAction::UserInvitationCancel => "user.invitation_cancel",
            AuditAction::UserInvitationDecline => "user.invitation_decline",
            AuditAction::UserInvite => "user.invite",
            AuditAction::UserRemove => "user.remove",
            AuditAction::UserResetPassword => "user.reset_password",
            AuditAction::UserSetLanguage => "user.set_language",
            AuditAction::UserSignIn => "user.sign_in",
            AuditAction::UserSignInFailed => "user.sign_in_failed",
            AuditAction::UserSignOut => "user.sign_out",
            AuditAction::UserSwitchOrganisation => "user.switch_organisation",
        }
    }

    /// The interface key naming the action (`event-bid-link-issue`).
    pub fn message_key(self) -> &'static str {
        match self {
            AuditAction::BidAdd => "event-bid-add",
            AuditAction::BidAnswers => "event-bid-answers",
            AuditAction::BidAward => "event-bid-award",
            AuditAction::BidImport => "event-bid-import",
            AuditAction::BidLinkIssue => "event-bid-link-issue",
            AuditAction::BidLinkRevoke => "event-bid-link-revoke",
            AuditAction::BidOverride => "event-bid-override",
            AuditAction::BidRules => "event-bid-rules",
            AuditAction::BidSubmit => "event-bid-submit",
            AuditAction::DpiaScreen => "event-dpia-screen",
            AuditAction::EvidenceAdd => "event-evidence-add",
            AuditAction::EvidenceRemove => "event-evidence-remove",
            AuditAction::InstanceSetup => "event-instance-setup",
            AuditAction::ItemUpdate => "event-item-update",
            AuditAction::OrganisationCreate => "event-organisation-create",
            AuditAction::OrganisationRename => "event-organisation-rename",
            AuditAction::OrganisationTimeZone => "event-organisation-time-zone",
            AuditAction::PortalAccess => "event-portal-access",
            AuditAction::PortalFile => "event-portal-file",
            AuditAction::PortalOpen => "event-portal-open",
            AuditAction::PortalRefused => "event-portal-refused",
            AuditAction::PortalSave => "event-portal-save",
            AuditAction::PortalSubmit => "event-portal-submit",
            AuditAction::ProjectAdvance => "event-project-advance",
            AuditAction::ProjectCreate => "event-project-create",
            AuditAction::ProjectForceAdvance => "event-project-force-advance",
            AuditAction::ProjectImport => "event-project-import",
            AuditAction::ProjectSignOff => "event-project-sign-off",
            AuditAction::ProjectSignOffWithdrawn => "event-project-sign-off-withdrawn",
            AuditAction::ProjectUpdate => "event-project-update",
            AuditAction::RequirementCreate => "event-requirement-create",
            AuditAction::RiskAccept => "event-risk-accept",
            AuditAction::RiskAdd => "event-risk-add",
            AuditAction::RiskReview => "event-risk-review",
            AuditAction::RiskSettings => "event-risk-settings",
            AuditAction::RiskStatus => "event-risk-status",
            AuditAction::RiskUpdate => "event-risk-update",
            AuditAction::SupplierCreate => "event-supplier-create",
            AuditAction::SupplierUpdate => "event-supplier-update",
            AuditAction::TenderUpdate => "event-tender-update",
            AuditAction::TenderPublish => "event-tender-publish",
            AuditAction::TenderModify => "event-tender-modify",
            AuditAction::TokenIssue => "event-token-issue",
            AuditAction::TokenRevoke => "event-token-revoke",
            AuditAction::UserAdd => "event-user-add",
            AuditAction::UserChangePassword => "event-user-change-password",
            AuditAction::UserChangeRole => "event-user-change-role",
            AuditAction::UserInvitationAccept => "event-user-invitation-accept",
            AuditAction::UserInvitationCancel => "event-user-invitation-cancel",
            AuditAction::UserInvitationDecline => "event-user-invitation-decline",
            AuditAction::UserInvite => "event-user-invite",
            AuditAction::UserRemove => "event-user-remove",
            AuditAction::UserResetPassword => "event-user-reset-password",
            AuditAction::UserSetLanguage => "event-user-set-language",
            AuditAction::UserSignIn => "event-user-sign-in",
            AuditAction::UserSignInFailed => "event-user-sign-in-failed",
            AuditAction::UserSignOut => "event-user-sign-out",
            AuditAction::UserSwitchOrganisation => "event-user-switch-organisation",
        }
    }

    /// The action a stored id names; `None` for an id this version does not
    /// write (shown as it is).
    pub fn parse(id: &str) -> Option<AuditAction> {
        AuditAction::ALL
            .into_iter()
            .find(|action| action.id() == id)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn ids_and_keys_are_distinct_and_round_trip() {
        let ids: HashSet<_> = AuditAction::ALL.iter().map(|a| a.id()).collect();
        let keys: HashSet<_> = AuditAction::ALL.iter().map(|a| a.message_key()).collect();
        assert_eq!(ids.len(), AuditAction::ALL.len());
        assert_eq!(keys.len(), AuditAction::ALL.len());
        for action in AuditAction::ALL {
            assert_eq!(AuditAction::parse(action.id()), Some(action));
        }
        assert_eq!(AuditAction::parse("bid.unknown"), None);
    }
}

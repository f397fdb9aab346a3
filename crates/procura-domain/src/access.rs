//! Roles, permissions and the tables that say who may do what: [`allows`]
//! in the organisation, [`project_rights`] on one project.
//!
//! The web router and the CLI both ask [`allows`]; the use cases ask
//! [`project_rights`]. The README documents both tables, and a test walks
//! every route against the first.

use std::fmt;

use crate::ProjectRole;

/// A user's role in one organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    Admin,
    /// Responsable de la sécurité des systèmes d'information (RSSI).
    Ciso,
    /// Directeur des systèmes d'information (DSI).
    Cio,
    Cto,
    It,
    /// Responsable des achats.
    Buyer,
    Viewer,
}

/// The input is not a role id.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown role {input:?}: expected one of admin, ciso, cio, cto, it, buyer, viewer")]
pub struct UnknownRole {
    pub input: String,
}

impl Role {
    pub const ALL: [Role; 7] = [
        Role::Admin,
        Role::Ciso,
        Role::Cio,
        Role::Cto,
        Role::It,
        Role::Buyer,
        Role::Viewer,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Ciso => "ciso",
            Role::Cio => "cio",
            Role::Cto => "cto",
            Role::It => "it",
            Role::Buyer => "buyer",
            Role::Viewer => "viewer",
        }
    }

    pub fn parse(input: &str) -> Result<Role, UnknownRole> {
        let wanted = input.trim().to_ascii_lowercase();
        Role::ALL
            .into_iter()
            .find(|role| role.id() == wanted)
            .ok_or_else(|| UnknownRole {
                input: input.to_owned(),
            })
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// Something a signed-in person may be allowed to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Permission {
    /// Browse and export the catalogue of good practices.
    ReadCatalog,
    /// Change one's own password, language and API tokens.
    ManageOwnAccount,
    /// Add users to the organisation, change their roles, remove them.
    ManageUsers,
    /// Read and export the organisation's audit log.
    ViewAudit,
    /// Create and rename organisations (instance operators).
    ManageOrganisations,
    /// Start a procurement project.
    CreateProjects,
    /// See and manage every project of the organisation, not only one's own.
    SeeAllProjects,
    /// Add and edit companies in the organisation's supplier register.
    ManageSuppliers,
    /// Name a project's CISO (the project role that signs phases off), or
    /// take the role away.
    AssignProjectCiso,
}

impl Permission {
    pub const ALL: [Permission; 9] = [
        Permission::ReadCatalog,
        Permission::ManageOwnAccount,
        Permission::ManageUsers,
        Permission::ViewAudit,
        Permission::ManageOrganisations,
        Permission::CreateProjects,
        Permission::SeeAllProjects,
        Permission::ManageSuppliers,
        Permission::AssignProjectCiso,
    ];
}

/// Who is asking: a role in the current organisation and, for instance
/// operators, the superadmin flag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Grants {
    pub role: Role,
    pub superadmin: bool,
}

/// The permissions table. Superadmins hold every permission; everyone else
/// holds what their role in the current organisation gives.
pub fn allows(grants: Grants, permission: Permission) -> bool {
    if grants.superadmin {
        return true;
    }
    match permission {
        Permission::ReadCatalog | Permission::ManageOwnAccount => true,
        Permission::ManageUsers => grants.role == Role::Admin,
        // The CISO reads the trail too: reviewing logs is their job (practice 9).
        Permission::ViewAudit => matches!(grants.role, Role::Admin | Role::Ciso),
        Permission::ManageOrganisations => false,
        // Purchases are started by the buyers and the CIO (and administrators).
        Permission::CreateProjects => matches!(grants.role, Role::Admin | Role::Buyer | Role::Cio),
        Permission::SeeAllProjects => grants.role == Role::Admin,
        // Those who run and evaluate tenders keep the register.
        Permission::ManageSuppliers => {
            matches!(
                grants.role,
                Role::Admin | Role::Buyer | Role::Cio | Role::Ciso
            )
        }
        // The project CISO signs every phase off: the organisation's CISO
        // and administrators choose who that is, never the project's editors.
        Permission::AssignProjectCiso => matches!(grants.role, Role::Admin | Role::Ciso),
    }
}

/// May a change of a project's people go through? `before` and `after` are
/// the holders of the project `ciso` role (in any order, repeats ignored).
/// Leaving them as they are is always allowed; naming or removing one needs
/// [`Permission::AssignProjectCiso`]. A refused change is refused whole.
pub fn may_change_project_cisos<P: Ord>(grants: Grants, before: &[P], after: &[P]) -> bool {
    use std::collections::BTreeSet;
    let unchanged = before.iter().collect::<BTreeSet<_>>() == after.iter().collect::<BTreeSet<_>>();
    unchanged || allows(grants, Permission::AssignProjectCiso)
}

/// Where a person stands on one project: their grants in the organisation,
/// whether they created the project, and the project roles they hold on it
/// (in any order, repeats ignored).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProjectStanding<'a> {
    pub grants: Grants,
    pub created_project: bool,
    pub project_roles: &'a [ProjectRole],
}

/// What one person may do on one project.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ProjectRights {
    /// See the project at all; to everyone else it does not exist.
    pub view: bool,
    /// Change the project's fields and people.
    pub edit_project: bool,
    /// Work the checklist: items and their evidence.
    pub edit_items: bool,
    /// Choose the tender's security requirements.
    pub edit_tender: bool,
    /// Keep the risk register, review it, and screen for a DPIA.
    pub edit_risks: bool,
    /// Accept residual risks.
    pub accept_risks: bool,
    /// Register bids, enter or import answers, override scores.
    pub evaluate: bool,
    /// Award the contract.
    pub award: bool,
    /// Sign the current phase off.
    pub sign_off: bool,
    /// Move the project to its next stage when the gate allows it.
    pub advance: bool,
    /// Move the project on whatever the gate says, with a reason.
    pub force: bool,
}

/// The project rights table. Organisation administrators (and superadmins)
/// and the project's creator run the project; the project's buyers and CIO
/// do too. Other project roles work the checklist and the risks, except
/// viewers, who only read. Only the project's CISO signs phases off and
/// accepts residual risks, and only administrators force a transition.
/// An organisation role other than administrator gives nothing on a project
/// by itself.
pub fn project_rights(standing: ProjectStanding<'_>) -> ProjectRights {
    let ProjectStanding {
        grants,
        created_project,
        project_roles,
    } = standing;
    let runs_organisation = allows(grants, Permission::SeeAllProjects);
    let holds = |role: ProjectRole| project_roles.contains(&role);
    let project_ciso = holds(ProjectRole::Ciso);
    let edit_project = runs_organisation
        || created_project
        || holds(ProjectRole::Buyer)
        || holds(ProjectRole::Cio);
    let works_checklist =
        runs_organisation || created_project || project_roles.iter().any(|role| role.edits_items());
    ProjectRights {
        view: runs_organisation || created_project || !project_roles.is_empty(),
        edit_project,
        edit_items: works_checklist,
        // The project's CISO chooses the security requirements with its editors.
        edit_tender: edit_project || project_ciso,
        edit_risks: works_checklist,
        accept_risks: project_ciso,
        // The buyers run the evaluation; the CISO judges the security answers.
        evaluate: edit_project || project_ciso,
        award: edit_project,
        sign_off: project_ciso,
        advance: edit_project || project_ciso,
        force: grants.role == Role::Admin || grants.superadmin,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(role: Role, superadmin: bool, permission: Permission, expected: bool) {
        assert_eq!(
            allows(Grants { role, superadmin }, permission),
            expected,
            "{role} superadmin={superadmin} {permission:?}"
        );
    }

    #[test]
    fn the_table() {
        for role in Role::ALL {
            check(role, false, Permission::ReadCatalog, true);
            check(role, false, Permission::ManageOwnAccount, true);
            check(role, false, Permission::ManageUsers, role == Role::Admin);
            check(
                role,
                false,
                Permission::ViewAudit,
                matches!(role, Role::Admin | Role::Ciso),
            );
            check(role, false, Permission::ManageOrganisations, false);
            check(
                role,
                false,
                Permission::CreateProjects,
                matches!(role, Role::Admin | Role::Buyer | Role::Cio),
            );
            check(role, false, Permission::SeeAllProjects, role == Role::Admin);
            check(
                role,
                false,
                Permission::ManageSuppliers,
                matches!(role, Role::Admin | Role::Buyer | Role::Cio | Role::Ciso),
            );
            check(
                role,
                false,
                Permission::AssignProjectCiso,
                matches!(role, Role::Admin | Role::Ciso),
            );
            for permission in Permission::ALL {
                check(role, true, permission, true);
            }
        }
    }

    fn check_ciso_change(
        role: Role,
        superadmin: bool,
        before: &[&str],
        after: &[&str],
        expected: bool,
    ) {
        assert_eq!(
            may_change_project_cisos(Grants { role, superadmin }, before, after),
            expected,
            "{role} superadmin={superadmin} {before:?} -> {after:?}"
        );
    }

    #[test]
    fn who_may_change_the_project_ciso() {
        let anna = "anna";
        let bob = "bob";
        // (before, after, is a change of the CISOs)
        let changes: [(&[&str], &[&str], bool); 7] = [
            (&[], &[], false),
            (&[anna], &[anna], false),
            (&[anna, bob], &[bob, anna, bob], false),
            (&[], &[anna], true),
            (&[anna], &[], true),
            (&[anna], &[bob], true),
            (&[anna], &[anna, bob], true),
        ];
        for (before, after, is_change) in changes {
            for role in Role::ALL {
                let grantor = matches!(role, Role::Admin | Role::Ciso);
                check_ciso_change(role, false, before, after, grantor || !is_change);
                check_ciso_change(role, true, before, after, true);
            }
        }
    }

    /// The names of the rights held, in the order of the README's table.
    fn held(rights: ProjectRights) -> Vec<&'static str> {
        let ProjectRights {
            view,
            edit_project,
            edit_items,
            edit_tender,
            edit_risks,
            accept_risks,
            evaluate,
            award,
            sign_off,
            advance,
            force,
        } = rights;
        [
            (view, "view"),
            (edit_project, "edit_project"),
            (edit_items, "edit_items"),
            (edit_tender, "edit_tender"),
            (edit_risks, "edit_risks"),
            (accept_risks, "accept_risks"),
            (evaluate, "evaluate"),
            (award, "award"),
            (sign_off, "sign_off"),
            (advance, "advance"),
            (force, "force"),
        ]
        .into_iter()
        .filter_map(|(holds, name)| holds.then_some(name))
        .collect()
    }

    fn check_project(
        role: Role,
        superadmin: bool,
        created_project: bool,
        project_roles: &[ProjectRole],
        expected: &str,
    ) {
        let standing = ProjectStanding {
            grants: Grants { role, superadmin },
            created_project,
            project_roles,
        };
        assert_eq!(
            held(project_rights(standing)).join(" "),
            expected,
            "{role} superadmin={superadmin} creator={created_project} {project_roles:?}"
        );
    }

    const RUNS: &str = "view edit_project edit_items edit_tender edit_risks evaluate award advance";
    const RUNS_AND_FORCES: &str =
        "view edit_project edit_items edit_tender edit_risks evaluate award advance force";
    const WORKS: &str = "view edit_items edit_risks";
    const SECURES: &str =
        "view edit_items edit_tender edit_risks accept_risks evaluate sign_off advance";
    const EVERYTHING: &str = "view edit_project edit_items edit_tender edit_risks accept_risks \
                              evaluate award sign_off advance force";

    #[test]
    fn the_project_table() {
        use ProjectRole as P;
        use Role::*;
        // (organisation role, superadmin, created the project, project roles, rights)
        let table: &[(Role, bool, bool, &[ProjectRole], &str)] = &[
            (Viewer, false, false, &[], ""),
            (Ciso, false, false, &[], ""),
            (Buyer, false, false, &[], ""),
            (Viewer, false, false, &[P::Viewer], "view"),
            (Viewer, false, false, &[P::It], WORKS),
            (Viewer, false, false, &[P::Cto], WORKS),
            (Viewer, false, false, &[P::ClinicalReferent], WORKS),
            (Viewer, false, false, &[P::Buyer], RUNS),
            (Viewer, false, false, &[P::Cio], RUNS),
            (Viewer, false, false, &[P::Ciso], SECURES),
            (Viewer, false, false, &[P::Viewer, P::Ciso], SECURES),
            (
                Viewer,
                false,
                false,
                &[P::Buyer, P::Ciso],
                "view edit_project edit_items \
                edit_tender edit_risks accept_risks evaluate award sign_off advance",
            ),
            (Buyer, false, true, &[], RUNS),
            (Viewer, false, true, &[P::Viewer], RUNS),
            (Admin, false, false, &[], RUNS_AND_FORCES),
            (Admin, false, false, &[P::Viewer], RUNS_AND_FORCES),
            (Admin, false, false, &[P::Ciso], EVERYTHING),
            (Viewer, true, false, &[], RUNS_AND_FORCES),
            (Viewer, true, true, &[P::Ciso], EVERYTHING),
        ];
        for (role, superadmin, created_project, project_roles, expected) in table {
            let expected = expected.split_whitespace().collect::<Vec<_>>().join(" ");
            check_project(
                *role,
                *superadmin,
                *created_project,
                project_roles,
                &expected,
            );
        }
    }

    /// Apart from administrators, the organisation role changes nothing on
    /// a project: what one holds there comes from the project.
    #[test]
    fn project_rights_come_from_the_project_not_the_organisation_role() {
        let standings: Vec<(bool, Vec<ProjectRole>)> = [false, true]
            .into_iter()
            .flat_map(|created| {
                std::iter::once(Vec::new())
                    .chain(ProjectRole::ALL.into_iter().map(|role| vec![role]))
                    .map(move |roles| (created, roles))
            })
            .collect();
        for (created_project, project_roles) in &standings {
            let rights_as = |role| {
                project_rights(ProjectStanding {
                    grants: Grants {
                        role,
                        superadmin: false,
                    },
                    created_project: *created_project,
                    project_roles,
                })
            };
            for role in Role::ALL.into_iter().filter(|role| *role != Role::Admin) {
                assert_eq!(
                    rights_as(role),
                    rights_as(Role::Viewer),
                    "{role} {project_roles:?}"
                );
            }
        }
    }

    #[test]
    fn roles_parse_from_ids() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.id()), Ok(role));
        }
        assert_eq!(Role::parse(" CISO "), Ok(Role::Ciso));
        assert!(Role::parse("owner").is_err());
    }
}

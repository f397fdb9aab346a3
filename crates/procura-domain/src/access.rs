//! Roles, permissions and the one table that says who may do what.
//!
//! The web router and the CLI both ask [`allows`]; the README documents the
//! same table, and a test walks every route against it.

use std::fmt;

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

    #[test]
    fn roles_parse_from_ids() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.id()), Ok(role));
        }
        assert_eq!(Role::parse(" CISO "), Ok(Role::Ciso));
        assert!(Role::parse("owner").is_err());
    }
}

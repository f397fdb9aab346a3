//! Which uniqueness rule a write broke, so that each caller says what is
//! already taken without reading database messages.

/// A rule that two records may not share a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Unique {
    /// One account per e-mail address.
    Email,
    /// Organisation names are unique across the instance.
    OrganisationName,
    /// A person is a member of an organisation once.
    Membership,
    /// One pending invitation per organisation and person.
    Invitation,
    /// Project references are unique within an organisation.
    ProjectReference,
    /// Supplier names are unique within an organisation's register.
    SupplierName,
    /// An organisation's own requirement codes are unique within it.
    RequirementCode,
    /// A project has one tender selection.
    TenderSelection,
    /// A project's contract is awarded to one bid.
    Award,
    /// Any other key (a generated id, a token hash).
    Other,
}

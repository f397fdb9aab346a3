-- Invitations to create an account, sent as one-time links: an administrator
-- invites an address that has no account yet, and its owner chooses their
-- own password through the link. Only the SHA-256 of the link's secret is
-- stored; a link works once, before it expires. Used, replaced and cancelled
-- links are removed (the audit log keeps them).
CREATE TABLE invitation_links (
    id TEXT PRIMARY KEY,
    secret_hash TEXT NOT NULL UNIQUE,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    email TEXT NOT NULL,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL,
    invited_by TEXT NOT NULL REFERENCES users (id),
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    UNIQUE (organisation_id, email)
);

-- Invitations: an administrator offers a role to a person whose account
-- belongs to another organisation; they become a member only by accepting.
-- Answered or cancelled invitations are removed (the audit log keeps them).
CREATE TABLE invitations (
    id TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    user_id TEXT NOT NULL REFERENCES users (id),
    role TEXT NOT NULL,
    invited_by TEXT NOT NULL REFERENCES users (id),
    created_at BIGINT NOT NULL,
    UNIQUE (organisation_id, user_id)
);
CREATE INDEX invitations_user ON invitations (user_id);

-- Every API token expires. Tokens issued without an expiry get one 90 days
-- after this migration, and none lives longer than 365 days from it.
UPDATE api_tokens
SET expires_at = CAST(strftime('%s', 'now') AS INTEGER) * 1000 + 90 * 86400000
WHERE expires_at IS NULL;
UPDATE api_tokens
SET expires_at = CAST(strftime('%s', 'now') AS INTEGER) * 1000 + 365 * 86400000
WHERE expires_at > CAST(strftime('%s', 'now') AS INTEGER) * 1000 + 365 * 86400000;

-- Supplier evaluation: the organisation's supplier register, each
-- project's bids with their answers, evaluators' overrides, evidence files
-- and portal links, the project's scoring rules, and what the awarded
-- supplier committed to for the management phase.

CREATE TABLE suppliers (
    id TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    name TEXT NOT NULL,
    -- The name folded to lower case: one register entry per company.
    name_key TEXT NOT NULL,
    company_id TEXT NOT NULL,
    vat TEXT NOT NULL,
    contacts TEXT NOT NULL,
    created_by TEXT NOT NULL REFERENCES users (id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1,
    UNIQUE (organisation_id, name_key)
);

CREATE TABLE supplier_certifications (
    supplier_id TEXT NOT NULL REFERENCES suppliers (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    name TEXT NOT NULL,
    scope TEXT NOT NULL,
    expires_on TEXT,
    PRIMARY KEY (supplier_id, position)
);

CREATE TABLE bids (
    id TEXT PRIMARY KEY,
    project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    supplier_id TEXT NOT NULL REFERENCES suppliers (id),
    offer TEXT NOT NULL,
    product_version TEXT NOT NULL,
    status TEXT NOT NULL,
    -- The requirement selection's version the answers were given against.
    answered_version BIGINT,
    source TEXT,
    submitted_at BIGINT,
    created_by TEXT NOT NULL REFERENCES users (id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX bids_project ON bids (project_id);
-- One award per project, however many evaluators click at once.
CREATE UNIQUE INDEX bids_one_award ON bids (project_id) WHERE status = 'awarded';
CREATE INDEX bids_supplier ON bids (supplier_id);

CREATE TABLE bid_answers (
    bid_id TEXT NOT NULL REFERENCES bids (id) ON DELETE CASCADE,
    code TEXT NOT NULL,
    answer TEXT,
    comment TEXT NOT NULL,
    evidence_ref TEXT NOT NULL,
    PRIMARY KEY (bid_id, code)
);

CREATE TABLE bid_overrides (
    bid_id TEXT NOT NULL REFERENCES bids (id) ON DELETE CASCADE,
    code TEXT NOT NULL,
    score BIGINT NOT NULL,
    justification TEXT NOT NULL,
    decided_by TEXT NOT NULL REFERENCES users (id),
    decided_at BIGINT NOT NULL,
    PRIMARY KEY (bid_id, code)
);

-- Evidence a supplier attached through the portal; contents in the
-- database so every server instance serves them.
CREATE TABLE bid_files (
    id TEXT PRIMARY KEY,
    bid_id TEXT NOT NULL REFERENCES bids (id) ON DELETE CASCADE,
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    content BLOB NOT NULL,
    uploaded_at BIGINT NOT NULL
);
CREATE INDEX bid_files_bid ON bid_files (bid_id);

-- Links to the supplier portal: only the SHA-256 of the secret is kept.
CREATE TABLE bid_portal_links (
    id TEXT PRIMARY KEY,
    bid_id TEXT NOT NULL REFERENCES bids (id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    created_by TEXT NOT NULL REFERENCES users (id),
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    revoked_at BIGINT,
    last_used_at BIGINT
);
CREATE INDEX bid_portal_links_bid ON bid_portal_links (bid_id);

CREATE TABLE scoring_rules (
    project_id TEXT PRIMARY KEY REFERENCES projects (id) ON DELETE CASCADE,
    partial_fails BOOLEAN NOT NULL,
    credit_yes BIGINT NOT NULL,
    credit_partial BIGINT NOT NULL,
    credit_no BIGINT NOT NULL,
    updated_by TEXT NOT NULL REFERENCES users (id),
    updated_at BIGINT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);

-- One line per certification: name, scope and expiry separated by tabs.
CREATE TABLE supplier_commitments (
    project_id TEXT PRIMARY KEY REFERENCES projects (id) ON DELETE CASCADE,
    bid_id TEXT NOT NULL REFERENCES bids (id),
    support_end TEXT,
    patch_delay_days BIGINT,
    remote_access TEXT NOT NULL,
    certifications TEXT NOT NULL,
    recorded_by TEXT NOT NULL REFERENCES users (id),
    recorded_at BIGINT NOT NULL
);

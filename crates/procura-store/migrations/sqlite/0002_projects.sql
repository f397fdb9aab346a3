-- Procurement projects, their stakeholders, checklist items, evidence,
-- phase sign-offs and timeline. Lists of ids are stored space-separated.

CREATE TABLE projects (
    id TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    reference TEXT NOT NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    procurement_types TEXT NOT NULL,
    estimated_value BIGINT,
    currency TEXT,
    cpv_codes TEXT NOT NULL,
    sites TEXT NOT NULL,
    special_category_data BOOLEAN NOT NULL,
    stage TEXT NOT NULL,
    planning_start TEXT,
    planning_end TEXT,
    selection_start TEXT,
    selection_end TEXT,
    management_start TEXT,
    management_end TEXT,
    catalog_edition TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1,
    UNIQUE (organisation_id, reference)
);

CREATE TABLE project_stakeholders (
    project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users (id),
    role TEXT NOT NULL,
    PRIMARY KEY (project_id, user_id, role)
);
CREATE INDEX project_stakeholders_user ON project_stakeholders (user_id);

CREATE TABLE checklist_items (
    id TEXT PRIMARY KEY,
    project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    phase TEXT NOT NULL,
    practice BIGINT NOT NULL,
    status TEXT NOT NULL,
    justification TEXT NOT NULL,
    owner_id TEXT REFERENCES users (id),
    due_date TEXT,
    notes TEXT NOT NULL,
    retired BOOLEAN NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1,
    UNIQUE (project_id, phase, practice)
);
CREATE INDEX checklist_items_owner ON checklist_items (owner_id);

CREATE TABLE evidence (
    id TEXT PRIMARY KEY,
    item_id TEXT NOT NULL REFERENCES checklist_items (id) ON DELETE CASCADE,
    project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    url TEXT,
    sha256 TEXT,
    size BIGINT,
    content_type TEXT,
    uploaded_by TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX evidence_item ON evidence (item_id);

-- File contents live in the database, so every server instance serves them
-- and an upload commits or vanishes with its evidence row.
CREATE TABLE evidence_files (
    evidence_id TEXT PRIMARY KEY REFERENCES evidence (id) ON DELETE CASCADE,
    content BLOB NOT NULL
);

CREATE TABLE phase_sign_offs (
    project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    phase TEXT NOT NULL,
    signed_by TEXT NOT NULL REFERENCES users (id),
    signed_at BIGINT NOT NULL,
    comment TEXT NOT NULL,
    PRIMARY KEY (project_id, phase)
);

CREATE TABLE project_events (
    id TEXT PRIMARY KEY,
    project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    at BIGINT NOT NULL,
    actor TEXT NOT NULL,
    kind TEXT NOT NULL,
    detail TEXT NOT NULL
);
CREATE INDEX project_events_project ON project_events (project_id, at);

-- The tender's security requirements: each project's selection from the
-- requirement library, and each organisation's own requirements, reusable
-- across its projects. Lists of ids are stored space-separated.

CREATE TABLE custom_requirements (
    id TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    code TEXT NOT NULL,
    kind TEXT NOT NULL,
    importance BIGINT NOT NULL,
    practices TEXT NOT NULL,
    procurement_types TEXT NOT NULL,
    text_fr TEXT NOT NULL,
    text_en TEXT NOT NULL,
    evidence_fr TEXT NOT NULL,
    evidence_en TEXT NOT NULL,
    created_by TEXT NOT NULL REFERENCES users (id),
    created_at BIGINT NOT NULL,
    UNIQUE (organisation_id, code)
);

CREATE TABLE tender_selections (
    project_id TEXT PRIMARY KEY REFERENCES projects (id) ON DELETE CASCADE,
    updated_by TEXT NOT NULL REFERENCES users (id),
    updated_at BIGINT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);

CREATE TABLE tender_lines (
    project_id TEXT NOT NULL REFERENCES tender_selections (project_id) ON DELETE CASCADE,
    code TEXT NOT NULL,
    position BIGINT NOT NULL,
    included BOOLEAN NOT NULL,
    kind TEXT NOT NULL,
    weight BIGINT NOT NULL,
    PRIMARY KEY (project_id, code)
);

-- Each project's risk register (good practices 11 and 13), its reviews in
-- each phase, the DPIA screening (good practice 19), and each
-- organisation's risk matrix and appetite. Lists are space-separated.

CREATE TABLE risks (
    id TEXT PRIMARY KEY,
    project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    status TEXT NOT NULL,
    threat_group TEXT NOT NULL,
    example TEXT,
    description TEXT NOT NULL,
    asset TEXT NOT NULL,
    likelihood BIGINT NOT NULL,
    severity BIGINT NOT NULL,
    treatment TEXT,
    owner_id TEXT REFERENCES users (id),
    due_date TEXT,
    practices TEXT NOT NULL,
    requirements TEXT NOT NULL,
    residual_likelihood BIGINT,
    residual_severity BIGINT,
    accepted_by TEXT REFERENCES users (id),
    accepted_at BIGINT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX risks_project ON risks (project_id);

CREATE TABLE risk_reviews (
    id TEXT PRIMARY KEY,
    project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    stage TEXT NOT NULL,
    reviewed_by TEXT NOT NULL REFERENCES users (id),
    reviewed_at BIGINT NOT NULL,
    summary TEXT NOT NULL
);
CREATE INDEX risk_reviews_project ON risk_reviews (project_id);

CREATE TABLE dpia_screenings (
    project_id TEXT PRIMARY KEY REFERENCES projects (id) ON DELETE CASCADE,
    criteria TEXT NOT NULL,
    required BOOLEAN NOT NULL,
    decision TEXT NOT NULL,
    decided_by TEXT NOT NULL REFERENCES users (id),
    decided_at BIGINT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);

CREATE TABLE risk_settings (
    organisation_id TEXT PRIMARY KEY REFERENCES organisations (id),
    matrix TEXT NOT NULL,
    appetite TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);

-- Publishing a tender sends its DCE out: the selection at that version is
-- frozen as a numbered publication. A later change is a modification of the
-- DCE: a new publication with its reason and the requirements it changed,
-- never an ordinary save.
CREATE TABLE tender_publications (
    project_id TEXT NOT NULL REFERENCES tender_selections (project_id) ON DELETE CASCADE,
    number BIGINT NOT NULL,
    selection_version BIGINT NOT NULL,
    reason TEXT NOT NULL,
    changed TEXT NOT NULL,
    checksum TEXT NOT NULL,
    published_by TEXT NOT NULL REFERENCES users (id),
    published_at BIGINT NOT NULL,
    PRIMARY KEY (project_id, number)
);

-- What a supplier receives when it submits through its portal link: a
-- number, the moment, and the SHA-256 of the exact text that was submitted
-- (its answers and the files' fingerprints), kept so anyone can check it.
CREATE TABLE bid_receipts (
    id TEXT PRIMARY KEY,
    bid_id TEXT NOT NULL REFERENCES bids (id) ON DELETE CASCADE,
    project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    number TEXT NOT NULL,
    submitted_at BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    content TEXT NOT NULL,
    UNIQUE (project_id, number)
);

-- The organisation's time zone: pages and documents show times in it.
ALTER TABLE organisations ADD COLUMN time_zone TEXT NOT NULL DEFAULT 'Europe/Paris';

-- What a project file imported into this instance claimed about the
-- project's past: its stage, sign-offs, timeline and who made what when.
-- Kept apart and read-only, shown as not verified; nothing here counts as
-- a sign-off or a timeline entry of this instance. One row per imported
-- project; the claims are JSON as the file stated them.

CREATE TABLE project_imported_history (
    project_id TEXT PRIMARY KEY REFERENCES projects (id) ON DELETE CASCADE,
    -- SHA-256 of the file as received, computed here.
    file_sha256 TEXT NOT NULL,
    -- The stage the file claimed.
    claimed_stage TEXT NOT NULL,
    -- JSON: the source the file names (organisation, instance, who exported it and when), or null.
    claimed_source TEXT NOT NULL,
    -- JSON: the file's own claims (creator, times, sign-offs, timeline, items' and evidence's authorship).
    claims TEXT NOT NULL,
    -- JSON: the imported histories the file carried from earlier imports, as it stated them.
    earlier TEXT NOT NULL,
    imported_by TEXT NOT NULL REFERENCES users (id),
    imported_at BIGINT NOT NULL
);

CREATE FUNCTION project_imported_history_refuse_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'project_imported_history is read-only';
END;
$$;
CREATE TRIGGER project_imported_history_no_update BEFORE UPDATE ON project_imported_history
    FOR EACH ROW EXECUTE FUNCTION project_imported_history_refuse_update();

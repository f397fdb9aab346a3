-- The pass/fail "eligibility" kind becomes two legal objects: a selection
-- condition on the candidate (RC) and a minimum requirement on the offer
-- (CCTP). A stored line keeps its pass/fail meaning: it becomes a selection
-- condition where the library now classes the requirement as one, and a
-- minimum requirement otherwise (also for an organisation's own
-- requirements, which the buyer may re-classify). Answers and evaluator
-- rulings are stored per requirement code and keep their meaning.
UPDATE tender_lines
SET kind = 'selection'
WHERE kind = 'eligibility'
  AND code IN ('REQ-CRT-01', 'REQ-VUL-01');
UPDATE tender_lines
SET kind = 'minimum'
WHERE kind = 'eligibility';
UPDATE custom_requirements
SET kind = 'minimum'
WHERE kind = 'eligibility';

-- The buyer sets, per project, the lot the documents belong to, the cap on
-- the security penalties (percent of the contract's amount; NULL: the
-- library's default) and each clause's penalty amount (NULL: the library's).
ALTER TABLE tender_selections ADD COLUMN lot TEXT;
ALTER TABLE tender_selections ADD COLUMN penalty_cap BIGINT;
ALTER TABLE tender_lines ADD COLUMN penalty_amount BIGINT;

-- Award criteria are graded by evaluators from now on: an evaluator's
-- earlier override of an award criterion stays as its grade, and a
-- criterion scored only from the supplier's answer waits for one.

-- The grading scale a project publishes in its RC, when the buyer adapts
-- the library's descriptors; no rows: the library's scale.
CREATE TABLE tender_grading (
    project_id TEXT NOT NULL REFERENCES tender_selections (project_id) ON DELETE CASCADE,
    grade BIGINT NOT NULL,
    label_fr TEXT NOT NULL,
    label_en TEXT NOT NULL,
    descriptor_fr TEXT NOT NULL,
    descriptor_en TEXT NOT NULL,
    PRIMARY KEY (project_id, grade)
);

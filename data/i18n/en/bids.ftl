# Supplier register, bids, answers and the supplier portal.

invalid-supplier-name = The supplier's name is required (200 characters at most).
invalid-company-id = The SIREN (9 digits) or SIRET (14 digits) number is not valid: check the digits and the check digit.
invalid-vat = The EU VAT number is not valid (two country letters, then 2 to 13 letters or digits).
invalid-certification = Every certification needs a name.
invalid-bid-closed = This bid was awarded: it can no longer change.
invalid-bid-final = The supplier submitted through the portal: its answers are final.
invalid-already-awarded = A bid has already been awarded for this project.
invalid-bid-ineligible = An ineligible bid cannot be awarded.
invalid-patch-delay = The patch delay is a number of days (3650 at most).
invalid-link-expiry = A link lasts from 1 to 120 days.
invalid-too-many-files = This bid already has the most attachments allowed (50).

bid-problem-not-questionnaire = This workbook is not a questionnaire made by Procura (its hidden "procura" sheet does not identify it).
bid-problem-other-project = This questionnaire was made for another project.
bid-problem-outdated = This questionnaire answers version { $file } of the requirement list; the current version is { $current }. Send the supplier the up-to-date questionnaire.
bid-problem-tampered = The requirement list in this questionnaire does not match the project's: the file was altered.
bid-problem-unknown-requirement = Row { $row }: requirement "{ $code }" is not part of this tender.
bid-problem-duplicate = Row { $row }: requirement { $code } was already answered above.
bid-problem-missing-row = Requirement { $code } has no row in the questionnaire.
bid-problem-missing-answer = Row { $row }: requirement { $code } has no answer.
bid-problem-unknown-answer = Row { $row }: the answer "{ $value }" to requirement { $code } is not recognised (Yes, Partial, No or Not applicable).
bid-problem-missing-comment = Row { $row }: a "Partial" or "Not applicable" answer to requirement { $code } needs a comment explaining it.

error-answers = { $count ->
    [one] The answers were refused for the following reason; nothing was saved:
   *[other] The answers were refused for the following { $count } reasons; nothing was saved:
}
error-portal-unknown = This supplier portal link does not exist. Check that it was copied in full.
error-portal-expired = This supplier portal link has expired. Ask the buyer for a new link.
error-portal-revoked = The buyer revoked this supplier portal link. Ask them for a new one.

nav-suppliers = Suppliers
project-bids = Bid evaluation

bids-page-title = Bid evaluation (security)
bids-lead = Register the bids received, import or enter the suppliers' answers to the security questionnaire, then compare them: eligibility, security score out of 100 and ranking.
bids-ranking = Bids and ranking
bids-none = No bid registered yet.
bids-col-rank = Rank
bids-col-supplier = Supplier
bids-col-status = Status
bids-col-eligibility = Eligibility
bids-col-score = Security score
bids-col-answered = Answers
bids-eligible = Eligible
bids-ineligible = Not eligible
bids-outdated = Answers an earlier version of the requirements
bids-offer = Offer (product or service)
bids-product-version = Version
bids-add = Register a bid
bids-add-submit = Register the bid
bids-rules = Scoring rules
bids-credit-yes = "Yes" earns (%)
bids-credit-partial = "Partial" earns (%)
bids-credit-no = "No" earns (%)
bids-partial-fails = A "Partial" answer to an eligibility requirement makes the bid ineligible
bids-rules-hint = "Not applicable" is left out of the count. An eligibility requirement left unanswered or answered "No" makes the bid ineligible.
bids-rules-save = Save the rules
bids-grid = Requirements × bids grid
bids-grid-legend = ✓ met · ~ partial · ✗ not met · – not applicable; * score changed by an evaluator. The supplier's comment shows when a cell is hovered, and is read out by screen readers.
bids-filter-eligible = Eligible bids only
bids-filter-differences = Only requirements where the bids differ
bids-filter-apply = Filter
bids-download-report = Report { $format } ({ $lang })
bids-no-answer = No answer
bids-reason = { $code }: { $answer }
bids-reason-overridden = { $code }: { $answer } (an evaluator's decision)
bids-status-pending = In progress
bids-status-submitted = Submitted
bids-status-awarded = Awarded
bids-source-import = Imported questionnaire
bids-source-portal = Supplier portal
bids-source-manual = Entered by an evaluator
bids-commitments = The contractor's commitments
bids-awarded-to = Awarded bid
bids-support-end = End of support
bids-patch-delay = Patch delay
bids-days = { $days ->
    [one] { $days } day
   *[other] { $days } days
}
bids-remote-access = Remote maintenance terms
bids-certification = Certification
bids-until = until

bid-page-title = Bid
bid-result = Result
bid-reservations = Reservations on clauses:
bid-import = Import the filled questionnaire
bid-import-hint = The file must be the XLSX questionnaire made for this project, in its current version. Every problem is reported at once, and nothing is saved while any remains.
bid-import-file = Questionnaire (XLSX)
bid-import-submit = Import
bid-answers = Answers
bid-answers-save = Save the answers
bid-outcome = Outcome
bid-override = Evaluator's decision:
bid-text-and-evidence = Text and evidence expected
bid-override-title = Change a requirement's score
bid-override-hint = When the evidence does not bear out the supplier's answer, set the requirement's score (0 to 100 %) and justify the decision: it appears in the report and the audit log.
bid-override-score = Score (%)
bid-override-justification = Justification
bid-override-set = Apply
bid-override-remove = Remove the change
bid-links = Supplier portal links
bid-links-hint = The supplier answers online, without an account, through a personal link. The link is shown once: pass it to the supplier through a safe channel.
bid-link-created = Created
bid-link-expires = Expires
bid-link-used = Last used
bid-link-state = State
bid-link-live = Live
bid-link-expired = Expired
bid-link-revoked = Revoked
bid-link-revoke = Revoke
bid-link-days = Valid for (days)
bid-link-issue = Create a link
bid-link-new = Here is the link to pass to the supplier. It will not be shown again:
bid-files = Attachments
bid-award = Award this bid
bid-award-hint = The contractor's commitments are recorded on the project for the management phase: end of support, patch delay, remote maintenance and certifications.
bid-patch-delay-days = Patch delay (days)
bid-award-certifications = Certifications (one per line: name | scope | expiry date)
bid-award-submit = Award the bid

suppliers-title = Suppliers
suppliers-lead = The organisation's supplier register, shared by its projects: identifiers, contacts, certifications and their expiry, bids submitted.
suppliers-none = No supplier registered.
suppliers-name = Company name
suppliers-company-id = SIREN or SIRET
suppliers-vat = EU VAT number
suppliers-contacts = Contacts
suppliers-certifications = Certifications
suppliers-certifications-hint = One per line: name | scope | expiry date (YYYY-MM-DD).
suppliers-expired = Expired
suppliers-new = New supplier
suppliers-create = Add the supplier
suppliers-edit = Edit
suppliers-save = Save
suppliers-projects = Bids submitted
suppliers-no-projects = No bid in the projects you can see.
suppliers-no-certifications = No certification recorded.

portal-title = Supplier portal
portal-lead = Answer each requirement with Yes, Partial, No or Not applicable. A "Partial" or "Not applicable" answer needs a comment explaining it. You can save a draft and come back later with the same link.
portal-expires = Link valid until
portal-save = Save the draft
portal-submit = Submit my answers
portal-submit-hint = Submitting is final: once confirmed, your answers can no longer be changed and you receive a receipt.
portal-saved = Your answers were saved.
portal-submitted = Your answers were submitted. Thank you.
portal-final = Answers submitted on
portal-file = File
portal-file-requirement = Requirement concerned
portal-file-whole-bid = The whole bid
portal-upload = Attach the file

cli-input-file = Cannot read { $path }: { $detail }
invalid-override-justification = Justify the changed score: the justification appears in the evaluation report and the audit log.
invalid-evaluation-closed = The contract was awarded: the bid evaluation that led to it can no longer change.
invalid-unknown-supplier = This supplier is not in the register. Ask a buyer, the CIO, the CISO or an administrator to add it.
invalid-bid-draft = The supplier has not submitted its answers on the portal yet: the bid cannot be awarded.
invalid-bid-outdated = This bid answers an earlier version of the requirement list: have it completed before awarding it.
invalid-bid-not-pending = This bid's answers were already received: a portal link is no longer needed.
invalid-percentage = Give a whole percentage from 0 to 100.
invalid-text-too-long = One of the texts is too long.
bid-problem-too-long = Row { $row }: the comment or evidence reference for requirement { $code } is longer than { $max } characters.
bid-file-size = Size (bytes):
invalid-unverified-exemptions = The supplier answered "Not applicable" to eligibility requirements: accept or refuse each of those answers (score changed to 100 % or 0 %, with a justification) before awarding the bid.
invalid-ungraded = Some award criteria have not been graded by an evaluator yet: grade each on the published scale, with a justification, before awarding the bid.
invalid-grade = An award criterion is graded on the published scale: choose one of its grades (0 to 4).
bid-to-verify = "Not applicable" to verify (eligibility requirements):
bid-grades-title = Grading the award criteria
bid-grades-hint = Each award criterion is graded by an evaluator on the scale published in the tender rules, with a justification. The supplier's answer is only a proposal: it does not count until it is graded.
bid-grades-waiting = Award criteria still to grade:
bid-grades-scale = Grading scale
bid-grades-proposal = Proposed from the supplier's self-assessment:
bid-grades-grade = Grade
bid-grades-submit = Save the grade
bids-awaiting-answers = Awaiting answers
bid-modification-note = These answers were given to version { $answered } of the tender documents; the version in force is { $current }. { $count ->
    [0] The modification touches no requirement to answer.
    [one] 1 requirement changed since: it is flagged below, and the supplier must answer it again through its portal link.
   *[other] { $count } requirements changed since: they are flagged below, and the supplier must answer them again through its portal link.
}
bid-changed-since = Changed since the answer

## Submission receipt
receipt-title = Receipt of submission
receipt-number = Number:
receipt-submitted-at = Submitted on:
receipt-supplier = Candidate:
receipt-consultation = Consultation:
receipt-publication = Answers to version { $number } of the tender documents
receipt-fingerprint = Fingerprint of the submission
receipt-fingerprint-hint = The SHA-256 fingerprint below is computed over the exact text of the answers and of the fingerprints of the files submitted. Procura keeps this text: any later change would change the fingerprint.
receipt-answers = { $count ->
    [one] Answer submitted (1)
   *[other] Answers submitted ({ $count })
}
receipt-files = { $count ->
    [0] Files attached (none)
    [one] File attached (1)
   *[other] Files attached ({ $count })
}
receipt-no-files = No file was attached.
receipt-col-code = Requirement
receipt-col-requirement = Title
receipt-col-answer = Answer
receipt-col-file = File
portal-review = Review before submitting
portal-review-title = Review your answers before submitting
portal-review-summary = { $answered } answer(s) out of { $total } · { $files ->
    [0] no file attached
    [one] 1 file attached
   *[other] { $files } files attached
}
portal-review-unanswered = These requirements have no answer yet: go back to the answers and complete them before submitting.
portal-review-missing = No answer
portal-confirm = Confirm the final submission
portal-back = Back to the answers
portal-attach-hint = Attaching a file also saves the answers typed on this page: nothing you typed is lost.
portal-changed = Changed by the tender documents
portal-modified-lead = The tender documents were modified since your answers:
portal-modification = version { $number } of { $date } — { $reason }
portal-modified-action = Review the requirements flagged "Changed by the tender documents", then check and submit your answers again.
portal-receipt-download = Download the receipt (PDF)
receipt-file-name = receipt

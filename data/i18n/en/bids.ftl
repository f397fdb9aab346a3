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
bid-override = Score changed:
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
portal-submit-hint = Submitting is final: your answers can no longer be changed.
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

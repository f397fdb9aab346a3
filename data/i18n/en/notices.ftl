notice-saved = Changes saved.
notice-added = Added.
notice-updated = { $count ->
    [one] 1 action changed.
   *[other] { $count } actions changed.
}
notice-published = Tender documents published: the requirement list is frozen.
notice-modified = Modification of the tender documents saved: the bids concerned are flagged.
notice-signed = Phase signed off.
notice-advanced = The project moved to the next phase.
notice-submitted = Answers submitted.
notice-removed = Removed.
notice-graded = Grade saved.

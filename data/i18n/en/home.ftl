home-title = Home
nav-home = Home
home-greeting = Hello { $name }
home-summary = { $items ->
    [0] No open action in your name
    [one] 1 open action in your name
   *[other] { $items } open actions in your name
}{ $overdue ->
    [0] {""}
   *[other] {" "}({ $overdue } overdue)
} · { $sign_offs ->
    [0] no sign-off waiting
    [one] 1 sign-off waiting
   *[other] { $sign_offs } sign-offs waiting
} · { $bids ->
    [0] no bid to grade
    [one] 1 bid to grade
   *[other] { $bids } bids to grade
}.
home-nothing-title = Nothing waits for you right now
home-nothing = No action, sign-off or bid needs you. Start a purchase or browse the good practices.
home-browse-catalogue = Browse the good practices
home-items = Your actions
home-all-items = All your actions
home-sign-offs = Phases to sign off (CISO)
home-sign-off-detail = Phase "{ $phase }" — { $open ->
    [0] ready to sign off (after the risk review)
    [one] 1 action still open
   *[other] { $open } actions still open
}
home-to-grade = Bids to grade
home-grade-detail = { $count ->
    [one] 1 award criterion to grade
   *[other] { $count } award criteria to grade
}
home-projects = Your projects
home-no-projects = No project yet: create the first to get its checklist.
home-all-projects = All projects
home-project-progress = Phase "{ $phase }": { $settled } of { $total } actions settled
tabs-label = Pages of project { $reference }
tab-summary = Summary
tab-checklist = Checklist
tab-tender = Requirements
tab-bids = Bids
tab-risks = Risks
tab-timeline = Timeline
invalid-nothing-selected = Tick at least one action to change.
invalid-nothing-to-change = Choose what to change: status, owner or due date.
bulk-title = Change several actions
bulk-hint = Tick actions in the tables below, then choose what changes for all of them: the rest is kept. "Not applicable" is justified action by action.
bulk-keep = — unchanged —
bulk-owner-placeholder = unchanged; "-" for nobody
bulk-clear-due = Remove the due date
bulk-apply = Apply to the ticked actions
bulk-select = Select

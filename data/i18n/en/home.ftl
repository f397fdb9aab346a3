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

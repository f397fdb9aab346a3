# What Procura suggests for a risk: the threat scenario a proposed risk names
# for the project's types, the few measures proposed against it, ranked, and
# its owner, chosen among the organisation's members.
risk-scenario = Threat scenario
risk-scenario-hint = What this threat can look like for this kind of purchase. Refine it in the description if your situation differs.
risk-measures = Proposed measures, most relevant first
risk-measures-hint = First the good practices aimed at some threats rather than all, then those covering more of the project's procurement types, then those the tender can demand most of, then those that act before the contract is signed.
risk-measures-none = No good practice is chosen for this risk.
risk-measure-no-requirement = no library requirement chosen
risk-measures-other = Other requirements
risk-owner = Owner
risk-owner-nobody = — Nobody —
risk-owner-former = { $email } (no longer in the organisation)
risk-owner-hint = A member of the organisation.
invalid-risk-owner = Risk owner: choose a member of the organisation.

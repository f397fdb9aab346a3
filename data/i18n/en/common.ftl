# Words shared by the command line, documents and (later) the web interface.

taxonomy-phase = phase
taxonomy-procurement-type = procurement type
taxonomy-threat-group = threat group

label-practice = Practice
label-practices = Practices
label-id = ID
label-name = Name
label-description = Description
label-title = Title
label-statement = Statement
label-objective = Objective
label-phases = Phases
label-procurement-types = Procurement types
label-threats = Threat groups
label-examples = Examples
label-why = Why it matched
label-search = Search
label-text-match = text
label-all = all
label-source = Source
label-filters = Filters
label-none = none

practice-count = { $count ->
    [0] No practice matches.
    [one] One practice matches.
   *[other] { $count } practices match.
}
phase-legend = Phases: { $legend }

checklist-sheet = Checklist
checklist-phase = Phase
checklist-practice = Practice
checklist-title = Title
checklist-status = Status
checklist-owner = Owner
checklist-due = Due date
checklist-overdue = Overdue
checklist-justification = Justification
checklist-notes = Notes
checklist-evidence = Evidence
checklist-retired = Retired
checklist-stage = Stage
checklist-generated = Generated
checklist-yes = yes
checklist-no = no

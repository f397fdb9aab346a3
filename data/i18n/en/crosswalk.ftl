# Cross-walk between reference texts and tender requirements.
crosswalk-col-ref = Reference
crosswalk-col-label = Article or point
crosswalk-col-requirement = Requirement
crosswalk-col-title = Title
crosswalk-uncovered = No requirement covers this point.
invalid-reference = Invalid reference: expected a text, a part or a point, such as nis2, cra:I.1 or nis2:21.2.d.
invalid-crosswalk-format = Unknown format: json or csv.

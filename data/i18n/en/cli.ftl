# Messages of the procura command line.

error-prefix = error
error-unknown-value = unknown { $taxonomy } "{ $input }". Valid ids: { $valid }
error-ambiguous-value = ambiguous { $taxonomy } "{ $input }": it could be { $candidates }. Type more of it.
error-unknown-practice = unknown practice "{ $input }". Valid practices: BP-01 to BP-{ $last }.
error-catalog = the embedded catalogue is invalid: { $detail }
error-output = could not write the output: { $detail }
error-failed = { $detail }
cli-migrated = Database is up to date.
cli-user-created = Created { $email } in { $org } as { $role }.
cli-user-joined = Added the existing account { $email } to { $org } as { $role }.
cli-generated-password = Initial password (shown once, pass it on securely): { $password }
cli-password-reset = New password set for { $email }; their sessions were ended, and it must be changed at the next sign-in.
cli-token-issued = Token issued for organisation { $org }. It is shown once: store it now.
cli-not-found = No such account.
cli-audit-intact = Audit log intact: { $count } entries checked.
cli-audit-broken = Audit log broken at entry { $seq }: { $reason }.
cli-missing-actor = Name the member to act as with --as EMAIL.
cli-invalid-reference = Invalid reference "{ $ref }": expected a text, a part or a point, such as nis2, cra:I.1 or nis2:21.2.d.
cli-unknown-scheme = Unknown reference text "{ $scheme }": see data/requirements/references.toml for the list (nis2, cra, mdr, iec-62443-4-2, mds2…).

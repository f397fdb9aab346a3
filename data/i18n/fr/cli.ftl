# Messages de la ligne de commande procura.

error-prefix = erreur
error-unknown-value = { $taxonomy } : valeur inconnue « { $input } ». Identifiants valides : { $valid }
error-ambiguous-value = { $taxonomy } : valeur ambiguë « { $input } », qui peut désigner { $candidates }. Précisez.
error-unknown-practice = bonne pratique inconnue « { $input } ». Bonnes pratiques valides : BP-01 à BP-{ $last }.
error-catalog = le catalogue intégré est invalide : { $detail }
error-output = impossible d'écrire la sortie : { $detail }
error-failed = { $detail }
cli-migrated = La base de données est à jour.
cli-user-created = { $email } créé dans { $org } avec le rôle { $role }.
cli-user-joined = Compte existant { $email } ajouté à { $org } avec le rôle { $role }.
cli-generated-password = Mot de passe initial (affiché une seule fois, à transmettre de façon sûre) : { $password }
cli-password-reset = Nouveau mot de passe défini pour { $email } ; ses sessions ont été fermées, et il devra le changer à sa prochaine connexion.
cli-token-issued = Jeton émis pour l'organisation { $org }. Il n'est affiché qu'une fois : conservez-le maintenant.
cli-not-found = Compte introuvable.
cli-audit-intact = Journal d'audit intact : { $count } entrées vérifiées.
cli-audit-broken = Journal d'audit rompu à l'entrée { $seq } : { $reason }.
cli-missing-actor = Indiquez le membre au nom duquel agir avec --as EMAIL.
cli-invalid-reference = Référence invalide « { $ref } » : attendu un texte, une partie ou un point, par exemple nis2, cra:I.1 ou nis2:21.2.d.
cli-unknown-scheme = Texte de référence inconnu « { $scheme } » : voir data/requirements/references.toml pour la liste (nis2, cra, mdr, iec-62443-4-2, mds2…).

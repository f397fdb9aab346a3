# Messages de la ligne de commande procura.

error-prefix = erreur
error-unknown-value = { $taxonomy } : valeur inconnue « { $input } ». Identifiants valides : { $valid }
error-ambiguous-value = { $taxonomy } : valeur ambiguë « { $input } », qui peut désigner { $candidates }. Précisez.
error-unknown-practice = bonne pratique inconnue « { $input } ». Bonnes pratiques valides : BP-01 à BP-{ $last }.
error-catalog = le catalogue intégré est invalide : { $detail }
error-output = impossible d'écrire la sortie : { $detail }

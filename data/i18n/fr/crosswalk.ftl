# Cross-walk between reference texts and tender requirements.
crosswalk-col-ref = Référence
crosswalk-col-label = Article ou point
crosswalk-col-requirement = Exigence
crosswalk-col-title = Intitulé
crosswalk-uncovered = Aucune exigence ne couvre ce point.
invalid-reference = Référence invalide : attendu un texte, une partie ou un point, par exemple nis2, cra:I.1 ou nis2:21.2.d.
invalid-crosswalk-format = Format inconnu : json ou csv.

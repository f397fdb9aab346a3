# Mots communs à la ligne de commande, aux documents et (plus tard) à l'interface web.

taxonomy-phase = phase
taxonomy-procurement-type = type de marché
taxonomy-threat-group = groupe de menaces

label-practice = Bonne pratique
label-practices = Bonnes pratiques
label-id = ID
label-name = Nom
label-description = Description
label-title = Titre
label-statement = Énoncé
label-objective = Objectif
label-phases = Phases
label-procurement-types = Types de marchés
label-threats = Groupes de menaces
label-examples = Exemples
label-why = Critères satisfaits
label-search = Recherche
label-text-match = texte
label-all = toutes
label-source = Source
label-filters = Filtres
label-none = aucun

practice-count = { $count ->
    [0] Aucune bonne pratique ne correspond.
    [one] Une bonne pratique correspond.
   *[other] { $count } bonnes pratiques correspondent.
}
phase-legend = Phases : { $legend }

checklist-sheet = Liste de contrôle
checklist-phase = Phase
checklist-practice = Pratique
checklist-title = Titre
checklist-status = Statut
checklist-owner = Responsable
checklist-due = Échéance
checklist-overdue = En retard
checklist-justification = Justification
checklist-notes = Notes
checklist-evidence = Preuves
checklist-retired = Retiré
checklist-stage = Étape
checklist-generated = Généré le
checklist-yes = oui
checklist-no = non

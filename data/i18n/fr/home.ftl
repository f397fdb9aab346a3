home-title = Accueil
nav-home = Accueil
home-greeting = Bonjour { $name }
home-summary = { $items ->
    [0] Aucune action ouverte à votre nom
    [one] 1 action ouverte à votre nom
   *[other] { $items } actions ouvertes à votre nom
}{ $overdue ->
    [0] {""}
    [one] {" "}(1 en retard)
   *[other] {" "}({ $overdue } en retard)
} · { $sign_offs ->
    [0] aucune validation en attente
    [one] 1 validation en attente
   *[other] { $sign_offs } validations en attente
} · { $bids ->
    [0] aucune offre à noter
    [one] 1 offre à noter
   *[other] { $bids } offres à noter
}.
home-nothing-title = Rien ne vous attend pour l'instant
home-nothing = Aucune action, validation ni offre n'attend votre intervention. Démarrez un achat ou parcourez les bonnes pratiques.
home-browse-catalogue = Parcourir les bonnes pratiques
home-items = Vos actions à mener
home-all-items = Toutes vos actions
home-sign-offs = Phases à valider (RSSI)
home-sign-off-detail = Phase « { $phase } » — { $open ->
    [0] prête à valider (après la revue des risques)
    [one] 1 action encore ouverte
   *[other] { $open } actions encore ouvertes
}
home-to-grade = Offres à noter
home-grade-detail = { $count ->
    [one] 1 critère d'attribution à noter
   *[other] { $count } critères d'attribution à noter
}
home-projects = Vos projets
home-no-projects = Aucun projet pour l'instant : créez le premier pour obtenir sa check-list.
home-all-projects = Tous les projets
home-project-progress = Phase « { $phase } » : { $settled } sur { $total } actions réglées
tabs-label = Pages du projet { $reference }
tab-summary = Synthèse
tab-checklist = Check-list
tab-tender = Exigences
tab-bids = Offres
tab-risks = Risques
tab-timeline = Historique
invalid-nothing-selected = Cochez au moins une action à modifier.
invalid-nothing-to-change = Choisissez ce qui doit changer : statut, responsable ou échéance.
bulk-title = Modifier plusieurs actions
bulk-hint = Cochez les actions dans les tableaux ci-dessous, puis choisissez ce qui change pour toutes : le reste est conservé. « Sans objet » se justifie action par action.
bulk-keep = — inchangé —
bulk-owner-placeholder = inchangé ; « - » pour personne
bulk-clear-due = Retirer l'échéance
bulk-apply = Appliquer aux actions cochées
bulk-select = Sélectionner

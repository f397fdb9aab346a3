notice-saved = Modifications enregistrées.
notice-added = Ajout enregistré.
notice-updated = { $count ->
    [one] 1 action modifiée.
   *[other] { $count } actions modifiées.
}
notice-published = DCE publié : la liste des exigences est figée.
notice-modified = Modification du DCE enregistrée : les offres concernées sont signalées.
notice-signed = Phase validée.
notice-advanced = Le projet est passé à la phase suivante.
notice-submitted = Réponses déposées.
notice-removed = Suppression enregistrée.
notice-graded = Note enregistrée.

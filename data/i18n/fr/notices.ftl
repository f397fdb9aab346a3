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
invalid-evidence-locked = La phase de cette action est validée : ses preuves sont conservées telles qu'elles ont été validées.
invalid-evidence-not-yours = Seule la personne qui a ajouté cette preuve peut la supprimer.
evidence-remove = Supprimer
evidence-remove-title = Supprimer une preuve
evidence-remove-question = Supprimer la preuve « { $name } » de l'action { $practice } ?
evidence-remove-consequence = La preuve et son fichier sont supprimés ; la suppression est inscrite à l'historique du projet et au journal d'audit. Ce n'est possible que tant que la phase n'est pas validée.
evidence-remove-confirm = Supprimer définitivement
evidence-remove-cancel = Annuler
invalid-cpv-check-digit = Le code CPV { $digits }-… a un chiffre de contrôle erroné : d'après ses huit premiers chiffres, il se termine par -{ $expected } ({ $digits }-{ $expected }).
project-stakeholders-search = Tapez le début d'une adresse : les membres de l'organisation sont proposés. Plusieurs personnes pour un rôle : séparez les adresses par des virgules.
risks-dismiss-reason = Pourquoi écarter ce risque ? (inscrit à l'historique)
risks-dismiss-confirm = Écarter ce risque
invalid-dismiss-reason = Indiquez pourquoi ce risque est écarté : la raison est conservée à l'historique du projet.
users-remove-consequence = La personne perd l'accès à l'organisation. Ses actions, preuves et décisions restent, à son nom ; le retrait est inscrit au journal d'audit.
users-remove-confirm = Retirer de l'organisation
invalid-time-zone = Ce fuseau horaire n'est pas proposé : choisissez-en un dans la liste.
org-time-zone = Fuseau horaire de l'organisation
org-time-zone-hint = Les pages et les documents affichent les dates et les heures dans ce fuseau.
org-time-zone-save = Enregistrer le fuseau
grid-full-text = Texte complet
error-fields = { $count ->
    [one] Un champ est à corriger : le message se trouve à côté de lui.
   *[other] { $count } champs sont à corriger : chaque message se trouve à côté de son champ.
}

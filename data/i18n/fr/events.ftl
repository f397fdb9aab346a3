# Noms des changements inscrits au journal d'audit et à l'historique d'un projet,
# un par action d'audit (procura-domain AuditAction::message_key).

event-bid-add = Offre enregistrée
event-bid-answers = Réponses de l'offre modifiées
event-bid-award = Marché attribué
event-bid-import = Questionnaire de l'offre importé
event-bid-link-issue = Lien fournisseur émis
event-bid-link-revoke = Lien fournisseur révoqué
event-bid-override = Note de l'offre ajustée
event-bid-rules = Règles de notation modifiées
event-bid-submit = Offre soumise par le fournisseur
event-dpia-screen = Dépistage AIPD enregistré
event-evidence-add = Preuve ajoutée
event-instance-setup = Instance initialisée
event-item-update = Action modifiée
event-organisation-create = Organisation créée
event-organisation-rename = Organisation renommée
event-portal-access = Accès au portail fournisseur
event-portal-file = Fichier déposé sur le portail
event-portal-open = Portail fournisseur ouvert
event-portal-refused = Accès au portail refusé
event-portal-save = Réponses enregistrées sur le portail
event-portal-submit = Réponses soumises sur le portail
event-project-advance = Passage à la phase suivante
event-project-create = Projet créé
event-project-force-advance = Passage forcé
event-project-import = Projet importé
event-project-sign-off = Phase validée
event-project-sign-off-withdrawn = Validation de la phase retirée : une action de la phase a changé
event-project-update = Projet modifié
event-requirement-create = Exigence propre créée
event-risk-accept = Risque accepté
event-risk-add = Risque ajouté
event-risk-review = Revue des risques
event-risk-settings = Paramètres de risque modifiés
event-risk-status = Statut d'un risque modifié
event-risk-update = Risque modifié
event-supplier-create = Fournisseur ajouté
event-supplier-update = Fournisseur modifié
event-tender-update = Exigences de l'appel d'offres modifiées
event-tender-publish = DCE publié
event-tender-modify = DCE modifié
event-token-issue = Jeton d'API créé
event-token-revoke = Jeton d'API révoqué
event-user-add = Membre ajouté
event-user-change-password = Mot de passe changé
event-user-change-role = Rôle modifié
event-user-invitation-accept = Invitation acceptée
event-user-invitation-cancel = Invitation annulée
event-user-invitation-decline = Invitation déclinée
event-user-invite = Invitation envoyée
event-user-remove = Membre retiré
event-user-reset-password = Mot de passe réinitialisé
event-user-set-language = Langue changée
event-user-sign-in = Connexion
event-user-sign-in-failed = Connexion refusée
event-user-sign-out = Déconnexion
event-user-switch-organisation = Changement d'organisation


## One sentence per timeline event, from its recorded details
timeline-bid-add = Offre enregistrée : { $supplier }
timeline-bid-answers = Réponses saisies pour { $supplier } ({ $answers ->
    [one] 1 réponse
   *[other] { $answers } réponses
})
timeline-bid-award = Marché attribué à { $supplier }
timeline-bid-import = Questionnaire importé pour { $supplier } ({ $answers ->
    [one] 1 réponse
   *[other] { $answers } réponses
})
timeline-bid-link-issue = Lien du portail émis pour { $supplier }
timeline-bid-link-revoke = Lien du portail révoqué
timeline-bid-override = { $removed ->
    [yes] Décision retirée pour { $supplier }
   *[other] Exigence notée pour { $supplier }
}
timeline-bid-rules = Règles de notation modifiées
timeline-bid-submit = { $supplier } a déposé ses réponses par le portail
timeline-dpia-screen = Dépistage AIPD : { $required ->
    [yes] analyse d'impact requise
   *[other] pas d'analyse d'impact requise
} ({ $criteria_count ->
    [0] aucun critère
    [one] 1 critère
   *[other] { $criteria_count } critères
})
timeline-evidence-add = Preuve « { $name } » ajoutée à l'action { $practice }
timeline-instance-setup = { event-instance-setup }
timeline-item-update = { $practice } ({ $phase }) : { $status_from } → { $status_to }
timeline-organisation-create = { event-organisation-create }
timeline-organisation-rename = { event-organisation-rename }
timeline-portal-access = { event-portal-access }
timeline-portal-file = { event-portal-file }
timeline-portal-open = { event-portal-open }
timeline-portal-refused = { event-portal-refused }
timeline-portal-save = { event-portal-save }
timeline-portal-submit = { event-portal-submit }
timeline-project-advance = Passage de « { $from } » à « { $to } »
timeline-project-create = Projet { $reference } créé : { $items ->
    [one] 1 action
   *[other] { $items } actions
} dans la check-list, { $proposed_risks ->
    [0] aucun risque proposé
    [one] 1 risque proposé
   *[other] { $proposed_risks } risques proposés
}
timeline-project-force-advance = Passage forcé de « { $from } » à « { $to } » : { $reason }
timeline-project-import = Projet { $reference } importé
timeline-project-sign-off = Phase « { $phase } » validée par le RSSI
timeline-project-sign-off-withdrawn = Validation de la phase « { $phase } » retirée : l'action { $practice } a changé
timeline-project-update = Projet { $reference } modifié
timeline-requirement-create = { event-requirement-create }
timeline-risk-accept = Risque résiduel accepté (statut : { $status })
timeline-risk-add = Risque ajouté : { $threat_group }
timeline-risk-review = Revue des risques de la phase « { $stage } »
timeline-risk-settings = { event-risk-settings }
timeline-risk-status = Statut d'un risque : { $status }
timeline-risk-update = Risque modifié (statut : { $status })
timeline-supplier-create = { event-supplier-create }
timeline-supplier-update = { event-supplier-update }
timeline-tender-modify = DCE modifié — version n° { $number } : { $reason } ({ $changed_count ->
    [one] 1 exigence modifiée
   *[other] { $changed_count } exigences modifiées
})
timeline-tender-publish = DCE publié — version n° 1 ({ $included } exigences)
timeline-tender-update = Exigences modifiées : { $included } retenues, critères d'attribution à { $award_total } %
timeline-token-issue = { event-token-issue }
timeline-token-revoke = { event-token-revoke }
timeline-user-add = { event-user-add }
timeline-user-change-password = { event-user-change-password }
timeline-user-change-role = { event-user-change-role }
timeline-user-invitation-accept = { event-user-invitation-accept }
timeline-user-invitation-cancel = { event-user-invitation-cancel }
timeline-user-invitation-decline = { event-user-invitation-decline }
timeline-user-invite = { event-user-invite }
timeline-user-remove = { event-user-remove }
timeline-user-reset-password = { event-user-reset-password }
timeline-user-set-language = { event-user-set-language }
timeline-user-sign-in = { event-user-sign-in }
timeline-user-sign-in-failed = { event-user-sign-in-failed }
timeline-user-sign-out = { event-user-sign-out }
timeline-user-switch-organisation = { event-user-switch-organisation }
timeline-details = Détails
timeline-actor-portal = Portail fournisseur
timeline-actor-cli = Ligne de commande
event-evidence-remove = Preuve supprimée
timeline-evidence-remove = Preuve « { $name } » supprimée de l'action { $practice } par la personne qui l'avait ajoutée
event-organisation-time-zone = Fuseau horaire de l'organisation modifié
timeline-organisation-time-zone = { event-organisation-time-zone }

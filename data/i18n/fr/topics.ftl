topic-patching = Correctifs
topic-vulnerability-disclosure = Signalement des vulnérabilités
topic-logging = Journalisation
topic-incidents = Incidents
topic-remote-access = Accès et maintenance à distance
topic-end-of-contract = Fin de contrat
topic-sbom = Nomenclature logicielle (SBOM)
topic-encryption = Chiffrement
topic-authentication = Authentification
topic-hardening = Durcissement
topic-network = Réseau
topic-testing = Tests de sécurité
topic-data-protection = Protection des données
topic-hosting = Hébergement
topic-continuity = Continuité
topic-certification = Certifications
topic-subcontracting = Sous-traitance
topic-training = Formation
topic-assets = Inventaire des actifs
topic-change = Changements
topic-reversibility = Réversibilité
topic-administration = Administration
topic-device-security = Sécurité des dispositifs
topic-mobile = Mobilité et domicile
topic-governance = Gouvernance
topic-acceptance = Vérification et admission
tender-theme-filter = Thème
tender-theme-all = Tous les thèmes
tender-theme-apply = Filtrer
tender-theme-count = { $count ->
    [one] 1 exigence
   *[other] { $count } exigences
}
invalid-theme = Ce thème n'existe pas.
tender-theme-filtered = Seules les exigences de ce thème sont affichées : l'enregistrement ne change qu'elles ; les autres restent telles quelles.

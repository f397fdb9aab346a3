# Supplier register, bids, answers and the supplier portal.

invalid-supplier-name = Le nom du fournisseur est obligatoire (200 caractères au plus).
invalid-company-id = Le numéro SIREN (9 chiffres) ou SIRET (14 chiffres) n'est pas valide : vérifiez les chiffres et la clé.
invalid-vat = Le numéro de TVA intracommunautaire n'est pas valide (deux lettres de pays puis 2 à 13 lettres ou chiffres).
invalid-certification = Chaque certification doit avoir un nom.
invalid-bid-closed = Cette offre a été retenue : elle ne peut plus être modifiée.
invalid-bid-final = Le fournisseur a déposé ses réponses par le portail : elles sont définitives.
invalid-already-awarded = Une offre a déjà été retenue pour ce projet.
invalid-bid-ineligible = Une offre non éligible ne peut pas être retenue.
invalid-patch-delay = Le délai de correctif est un nombre de jours (au plus 3650).
invalid-link-expiry = La durée d'un lien va de 1 à 120 jours.
invalid-too-many-files = Cette offre a déjà le nombre maximal de pièces jointes (50).

bid-problem-not-questionnaire = Ce classeur n'est pas un questionnaire produit par Procura (la feuille cachée « procura » ne l'identifie pas).
bid-problem-other-project = Ce questionnaire a été produit pour un autre projet.
bid-problem-outdated = Ce questionnaire correspond à la version { $file } de la liste des exigences ; la version en vigueur est la { $current }. Envoyez au fournisseur le questionnaire à jour.
bid-problem-tampered = La liste des exigences de ce questionnaire ne correspond pas à celle du projet : le fichier a été modifié.
bid-problem-unknown-requirement = Ligne { $row } : l'exigence « { $code } » ne fait pas partie de cette consultation.
bid-problem-duplicate = Ligne { $row } : l'exigence { $code } a déjà reçu une réponse plus haut.
bid-problem-missing-row = L'exigence { $code } n'a pas de ligne dans le questionnaire.
bid-problem-missing-answer = Ligne { $row } : l'exigence { $code } n'a pas de réponse.
bid-problem-unknown-answer = Ligne { $row } : la réponse « { $value } » à l'exigence { $code } n'est pas reconnue (Oui, Partiel, Non ou Sans objet).
bid-problem-missing-comment = Ligne { $row } : une réponse « Partiel » ou « Sans objet » à l'exigence { $code } doit être expliquée en commentaire.

error-answers = { $count ->
    [one] Les réponses ont été refusées pour la raison suivante ; rien n'a été enregistré :
   *[other] Les réponses ont été refusées pour les { $count } raisons suivantes ; rien n'a été enregistré :
}
error-portal-unknown = Ce lien vers le portail fournisseur n'existe pas. Vérifiez qu'il a été copié en entier.
error-portal-expired = Ce lien vers le portail fournisseur a expiré. Demandez un nouveau lien à l'acheteur.
error-portal-revoked = Ce lien vers le portail fournisseur a été révoqué par l'acheteur. Demandez-lui un nouveau lien.

nav-suppliers = Fournisseurs
project-bids = Analyse des offres

bids-page-title = Analyse des offres (sécurité)
bids-lead = Enregistrez les offres reçues, importez ou saisissez les réponses des fournisseurs au questionnaire de sécurité, puis comparez-les : éligibilité, note de sécurité sur 100 et classement.
bids-ranking = Offres et classement
bids-none = Aucune offre enregistrée pour l'instant.
bids-col-rank = Rang
bids-col-supplier = Fournisseur
bids-col-status = État
bids-col-eligibility = Éligibilité
bids-col-score = Note sécurité
bids-col-answered = Réponses
bids-eligible = Éligible
bids-ineligible = Non éligible
bids-outdated = Répond à une ancienne version des exigences
bids-offer = Offre (produit ou service)
bids-product-version = Version
bids-add = Enregistrer une offre
bids-add-submit = Enregistrer l'offre
bids-rules = Règles de notation
bids-credit-yes = « Oui » rapporte (%)
bids-credit-partial = « Partiel » rapporte (%)
bids-credit-no = « Non » rapporte (%)
bids-partial-fails = Une réponse « Partiel » à une exigence d'éligibilité rend l'offre non éligible
bids-rules-hint = « Sans objet » est retiré du calcul. Une exigence d'éligibilité sans réponse ou à laquelle l'offre répond « Non » rend l'offre non éligible.
bids-rules-save = Enregistrer les règles
bids-grid = Grille exigences × offres
bids-grid-legend = ✓ satisfait · ~ partiel · ✗ non satisfait · – sans objet ; * note modifiée par un évaluateur. Le commentaire du fournisseur s'affiche au survol d'une case et est lu par les lecteurs d'écran.
bids-filter-eligible = Offres éligibles seulement
bids-filter-differences = Seulement les exigences où les offres diffèrent
bids-filter-apply = Filtrer
bids-download-report = Rapport { $format } ({ $lang })
bids-no-answer = Sans réponse
bids-reason = { $code } : { $answer }
bids-reason-overridden = { $code } : { $answer } (décision d'un évaluateur)
bids-status-pending = En cours
bids-status-submitted = Déposée
bids-status-awarded = Retenue
bids-source-import = Questionnaire importé
bids-source-portal = Portail fournisseur
bids-source-manual = Saisie par un évaluateur
bids-commitments = Engagements du titulaire
bids-awarded-to = Offre retenue
bids-support-end = Fin du support
bids-patch-delay = Délai de correctif
bids-days = { $days ->
    [one] { $days } jour
   *[other] { $days } jours
}
bids-remote-access = Conditions de télémaintenance
bids-certification = Certification
bids-until = jusqu'au

bid-page-title = Offre
bid-result = Résultat
bid-reservations = Réserves sur les clauses :
bid-import = Importer le questionnaire rempli
bid-import-hint = Le fichier doit être le questionnaire XLSX produit pour ce projet, dans sa version en vigueur. Tous les problèmes sont signalés en une fois et rien n'est enregistré tant qu'il en reste.
bid-import-file = Questionnaire (XLSX)
bid-import-submit = Importer
bid-answers = Réponses
bid-answers-save = Enregistrer les réponses
bid-outcome = Résultat
bid-override = Décision de l'évaluateur :
bid-text-and-evidence = Texte et justificatifs attendus
bid-override-title = Modifier la note d'une exigence
bid-override-hint = Quand les pièces ne confirment pas la réponse du fournisseur, fixez la note de l'exigence (0 à 100 %) en justifiant votre décision : elle figure au rapport et au journal d'audit.
bid-override-score = Note (%)
bid-override-justification = Justification
bid-override-set = Appliquer
bid-override-remove = Retirer la modification
bid-links = Liens vers le portail fournisseur
bid-links-hint = Le fournisseur répond en ligne, sans compte, avec un lien personnel. Le lien n'est affiché qu'une fois : transmettez-le au fournisseur par un canal sûr.
bid-link-created = Créé le
bid-link-expires = Expire le
bid-link-used = Dernière utilisation
bid-link-state = État
bid-link-live = Actif
bid-link-expired = Expiré
bid-link-revoked = Révoqué
bid-link-revoke = Révoquer
bid-link-days = Durée de validité (jours)
bid-link-issue = Créer un lien
bid-link-new = Voici le lien à transmettre au fournisseur. Il ne sera plus affiché :
bid-files = Pièces jointes
bid-award = Retenir cette offre
bid-award-hint = Les engagements du titulaire sont enregistrés sur le projet pour la phase de gestion : fin du support, délai de correctif, télémaintenance et certifications.
bid-patch-delay-days = Délai de correctif (jours)
bid-award-certifications = Certifications (une par ligne : nom | périmètre | date d'expiration)
bid-award-submit = Retenir l'offre

suppliers-title = Fournisseurs
suppliers-lead = Le registre des fournisseurs de l'établissement, partagé entre ses projets : identifiants, contacts, certifications et leur échéance, offres déposées.
suppliers-none = Aucun fournisseur enregistré.
suppliers-name = Raison sociale
suppliers-company-id = SIREN ou SIRET
suppliers-vat = N° de TVA intracommunautaire
suppliers-contacts = Contacts
suppliers-certifications = Certifications
suppliers-certifications-hint = Une par ligne : nom | périmètre | date d'expiration (AAAA-MM-JJ).
suppliers-expired = Expirée
suppliers-new = Nouveau fournisseur
suppliers-create = Ajouter le fournisseur
suppliers-edit = Modifier
suppliers-save = Enregistrer
suppliers-projects = Offres déposées
suppliers-no-projects = Aucune offre dans les projets que vous voyez.
suppliers-no-certifications = Aucune certification enregistrée.

portal-title = Portail fournisseur
portal-lead = Répondez à chaque exigence par Oui, Partiel, Non ou Sans objet. Une réponse « Partiel » ou « Sans objet » doit être expliquée en commentaire. Vous pouvez enregistrer un brouillon et revenir plus tard avec le même lien.
portal-expires = Lien valable jusqu'au
portal-save = Enregistrer le brouillon
portal-submit = Déposer mes réponses
portal-submit-hint = Le dépôt est définitif : après confirmation, vos réponses ne pourront plus être modifiées et vous recevrez un accusé de réception.
portal-saved = Vos réponses ont été enregistrées.
portal-submitted = Vos réponses ont été déposées. Merci.
portal-final = Réponses déposées le
portal-file = Fichier
portal-file-requirement = Exigence concernée
portal-file-whole-bid = L'offre entière
portal-upload = Joindre le fichier

cli-input-file = Impossible de lire { $path } : { $detail }
invalid-override-justification = Justifiez la note modifiée : la justification figure au rapport d'analyse et au journal d'audit.
invalid-evaluation-closed = Le marché a été attribué : l'analyse des offres qui y a conduit ne peut plus changer.
invalid-unknown-supplier = Ce fournisseur n'est pas dans le registre. Demandez à un acheteur, au DSI, au RSSI ou à un administrateur de l'ajouter.
invalid-bid-draft = Le fournisseur n'a pas encore déposé ses réponses sur le portail : l'offre ne peut pas être retenue.
invalid-bid-outdated = Cette offre répond à une ancienne version de la liste des exigences : faites-la compléter avant de la retenir.
invalid-bid-not-pending = Les réponses de cette offre ont déjà été reçues : un lien vers le portail n'est plus utile.
invalid-percentage = Indiquez un pourcentage entier de 0 à 100.
invalid-text-too-long = Un des textes saisis est trop long.
bid-problem-too-long = Ligne { $row } : le commentaire ou la référence de pièce de l'exigence { $code } dépasse { $max } caractères.
bid-file-size = Taille (octets) :
invalid-unverified-exemptions = Le fournisseur a répondu « Sans objet » à des exigences d'éligibilité : acceptez ou refusez chacune de ces réponses (note modifiée à 100 % ou 0 %, justifiée) avant de retenir l'offre.
invalid-ungraded = Des critères d'attribution n'ont pas encore été notés par un évaluateur : notez chacun d'eux sur le barème publié, avec une justification, avant de retenir l'offre.
invalid-grade = Un critère d'attribution se note sur le barème publié : choisissez l'une de ses notes (de 0 à 4).
bid-to-verify = « Sans objet » à vérifier (exigences d'éligibilité) :
bid-grades-title = Notation des critères d'attribution
bid-grades-hint = Chaque critère d'attribution est noté par un évaluateur sur le barème publié dans le règlement de la consultation, avec une justification. La réponse du fournisseur n'est qu'une proposition : elle ne compte pas tant qu'elle n'est pas notée.
bid-grades-waiting = Critères d'attribution restant à noter :
bid-grades-scale = Barème de notation
bid-grades-proposal = Proposition d'après l'auto-évaluation du fournisseur :
bid-grades-grade = Note
bid-grades-submit = Enregistrer la note
bids-awaiting-answers = En attente des réponses
bid-modification-note = Ces réponses ont été données à la version n° { $answered } du DCE ; la version en vigueur est la n° { $current }. { $count ->
    [0] La modification ne touche aucune exigence à laquelle répondre.
    [one] 1 exigence a changé depuis : elle est signalée ci-dessous, et le fournisseur doit y répondre de nouveau par son lien du portail.
   *[other] { $count } exigences ont changé depuis : elles sont signalées ci-dessous, et le fournisseur doit y répondre de nouveau par son lien du portail.
}
bid-changed-since = Modifiée depuis la réponse

## Submission receipt
receipt-title = Accusé de réception du dépôt
receipt-number = Numéro :
receipt-submitted-at = Déposé le :
receipt-supplier = Candidat :
receipt-consultation = Consultation :
receipt-publication = Réponses à la version n° { $number } du DCE
receipt-fingerprint = Empreinte du dépôt
receipt-fingerprint-hint = L'empreinte SHA-256 ci-dessous est calculée sur le texte exact des réponses et des empreintes des fichiers déposés. Procura conserve ce texte : toute modification ultérieure changerait l'empreinte.
receipt-answers = { $count ->
    [one] Réponse déposée (1)
   *[other] Réponses déposées ({ $count })
}
receipt-files = { $count ->
    [0] Fichiers joints (aucun)
    [one] Fichier joint (1)
   *[other] Fichiers joints ({ $count })
}
receipt-no-files = Aucun fichier n'a été joint.
receipt-col-code = Exigence
receipt-col-requirement = Intitulé
receipt-col-answer = Réponse
receipt-col-file = Fichier
portal-review = Vérifier avant de déposer
portal-review-title = Vérifiez vos réponses avant le dépôt
portal-review-summary = { $answered } réponse(s) sur { $total } · { $files ->
    [0] aucun fichier joint
    [one] 1 fichier joint
   *[other] { $files } fichiers joints
}
portal-review-unanswered = Ces exigences n'ont pas encore de réponse : revenez aux réponses pour les compléter avant de déposer.
portal-review-missing = Sans réponse
portal-confirm = Confirmer le dépôt définitif
portal-back = Revenir aux réponses
portal-attach-hint = Joindre un fichier enregistre aussi les réponses saisies sur cette page : rien de ce que vous avez tapé n'est perdu.
portal-changed = Modifiée par le DCE
portal-modified-lead = Le DCE a été modifié depuis vos réponses :
portal-modification = version n° { $number } du { $date } — { $reason }
portal-modified-action = Reprenez les exigences signalées « Modifiée par le DCE », puis vérifiez et déposez de nouveau vos réponses.
portal-receipt-download = Télécharger l'accusé de réception (PDF)
receipt-file-name = accuse-de-reception

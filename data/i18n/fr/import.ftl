# Importer un projet : ce que le fichier affirme n'est pas tenu pour vrai.
import-form-hint = Le projet importé commence à la planification, créé par vous. Les validations, l'étape et la chronologie du fichier sont conservées à part comme historique importé, non vérifié ; elles ne comptent pas pour le passage de phase.
import-invalid-link = L'action { $practice } de la phase « { $phase ->
        [planning] Planification
        [supplier-selection] Sélection des fournisseurs
        [management] Gestion
       *[other] { $phase }
    } » a un lien refusé : { $link }. Seules les adresses http et https sont acceptées, comme dans le formulaire des actions. Rien n'a été importé.
import-entry-too-large = Une fois décompressé, « { $name } » dépasserait la limite de { $limit } { $unit ->
        [mib] Mio
        [kib] Kio
       *[bytes] octets
    } par fichier, la même que pour un dépôt. Rien n'a été importé.
import-too-much-unpacked = Une fois décompressée, l'archive dépasserait { $limit } { $unit ->
        [mib] Mio
        [kib] Kio
       *[bytes] octets
    } au total. Rien n'a été importé.
import-too-many-entries = L'archive contient plus de { $limit } éléments, bien plus qu'un export de projet. Rien n'a été importé.
import-compression-ratio = « { $name } » se décompresse à plus de { $limit } fois sa taille dans l'archive, comme une « bombe de décompression ». Rien n'a été importé.
import-evidence-missing = fichier annoncé par le projet importé mais absent de l'archive reçue
import-evidence-missing-badge = manquant
import-history-title = Historique importé
import-history-unverified = non vérifié
import-history-lead = Ce projet a été importé d'un fichier. Ce que le fichier affirme de son passé (étape, validations, chronologie, auteurs et empreintes des pièces) est conservé ici tel qu'il l'énonce : rien n'en a été vérifié et rien n'en compte pour le passage de phase.
import-history-file = Fichier importé (SHA-256)
import-history-imported = Importé par
import-history-carried = Historique d'un import antérieur, transmis par le fichier
import-history-source = Source déclarée
import-history-source-none = non indiquée
import-history-exported-by = exporté par
import-history-stage = Étape déclarée
import-history-created = Créé, selon le fichier, par
import-history-sign-offs = Validations déclarées
import-history-evidence = Pièces déclarées
import-history-timeline = Chronologie déclarée
import-history-none = aucune

# Importing a project: nothing the file states is taken as a fact.
import-form-hint = The imported project starts at planning, created by you. The file's sign-offs, stage and timeline are kept apart as imported history, not verified; they do not count at the phase gate.
import-invalid-link = Practice { $practice } of the { $phase ->
        [planning] Planning
        [supplier-selection] Supplier selection
        [management] Management
       *[other] { $phase }
    } phase has a refused link: { $link }. Only http and https addresses are accepted, as on the item form. Nothing was imported.
import-entry-too-large = Unpacked, “{ $name }” would exceed the limit of { $limit } { $unit ->
        [mib] MiB
        [kib] KiB
       *[bytes] bytes
    } per file, the same as for an upload. Nothing was imported.
import-too-much-unpacked = Unpacked, the archive would exceed { $limit } { $unit ->
        [mib] MiB
        [kib] KiB
       *[bytes] bytes
    } in all. Nothing was imported.
import-too-many-entries = The archive holds more than { $limit } entries, far more than a project export. Nothing was imported.
import-compression-ratio = “{ $name }” unpacks to more than { $limit } times its size in the archive, like a “zip bomb”. Nothing was imported.
import-evidence-missing = file listed by the imported project but absent from the archive received
import-evidence-missing-badge = missing
import-history-title = Imported history
import-history-unverified = not verified
import-history-lead = This project was imported from a file. What the file states about its past (stage, sign-offs, timeline, authors and evidence hashes) is kept here as the file stated it: none of it was verified and none of it counts at the phase gate.
import-history-file = Imported file (SHA-256)
import-history-imported = Imported by
import-history-carried = History of an earlier import, carried by the file
import-history-source = Stated source
import-history-source-none = not stated
import-history-exported-by = exported by
import-history-stage = Stated stage
import-history-created = Created, according to the file, by
import-history-sign-offs = Stated sign-offs
import-history-evidence = Stated evidence
import-history-timeline = Stated timeline
import-history-none = none

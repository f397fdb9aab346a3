# What Procura suggests for a risk: the threat scenario a proposed risk names
# for the project's types, the few measures proposed against it, ranked, and
# its owner, chosen among the organisation's members.
risk-scenario = Scénario de menace
risk-scenario-hint = Ce que cette menace peut donner pour ce type d'achat. Précisez-le dans la description si votre situation diffère.
risk-measures = Mesures proposées, de la plus à la moins pertinente
risk-measures-hint = D'abord les bonnes pratiques qui visent certaines menaces plutôt que toutes, puis celles qui couvrent le plus de types d'achat du projet, puis celles que la consultation peut le plus exiger, puis celles qui agissent avant la signature du contrat.
risk-measures-none = Aucune bonne pratique n'est retenue pour ce risque.
risk-measure-no-requirement = aucune exigence de la bibliothèque retenue
risk-measures-other = Autres exigences
risk-owner = Responsable
risk-owner-nobody = — Personne —
risk-owner-former = { $email } (ne fait plus partie de l'organisation)
risk-owner-hint = Un membre de l'organisation.
invalid-risk-owner = Responsable du risque : choisissez un membre de l'organisation.

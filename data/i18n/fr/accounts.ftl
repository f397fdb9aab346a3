# Comptes et droits : RSSI de projet, sessions, invitations, jetons d'API.

error-project-ciso-grant = Seuls un administrateur ou le RSSI de l'organisation peuvent désigner ou retirer le RSSI du projet. Rien n'a été enregistré.
error-token-needs-session = Un jeton d'API ne peut pas créer d'autres jetons : connectez-vous dans un navigateur pour en créer un.
error-duplicate-invitation = Une invitation attend déjà la réponse de cette personne.
accounts-project-ciso-hint = Le RSSI du projet valide les phases : seuls un administrateur ou le RSSI de l'organisation le désignent ou le retirent.
accounts-password-sessions = Changer de mot de passe ferme toutes vos autres sessions ; celle-ci reste ouverte. Vos jetons d'API restent valides : révoquez-les ci-dessous si besoin.
accounts-token-lifetime = Un jeton expire après 90 jours, ou après la durée choisie (365 jours au plus). Les jetons se créent depuis une session connectée, jamais avec un autre jeton.
accounts-token-days = Expire après (jours, 1 à 365 ; 90 par défaut)
accounts-invitations = Invitations
accounts-invitations-hint = Ces organisations vous invitent à les rejoindre. Tant que vous n'avez pas accepté, vous n'en êtes pas membre et n'en voyez rien.
accounts-organisation = Organisation
accounts-invited-by = Invité par
accounts-invited-on = Invité le
accounts-accept = Accepter
accounts-decline = Refuser
accounts-pending = Invitations en attente
accounts-pending-hint = Ces personnes ont un compte dans une autre organisation : elles deviennent membres quand elles acceptent l'invitation depuis leur compte.
accounts-cancel = Annuler l'invitation

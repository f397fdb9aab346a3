# Comptes sûrs : mot de passe à changer à la première connexion, invitations par lien à usage unique.

accounts-security-password-required = Un administrateur a choisi votre mot de passe : il n'est donc pas seulement le vôtre. Avant de continuer, remplacez-le par un mot de passe que vous êtes seul à connaître. Les autres pages restent fermées jusque-là.
accounts-security-password-received = Mot de passe reçu de l'administrateur
error-password-change-required = Changez d'abord le mot de passe défini par un administrateur, depuis la page « Mon compte ». Les jetons d'API ne sont pas concernés.
accounts-security-add-hint = Laissez le mot de passe vide pour créer un lien d'invitation à usage unique : la personne choisira elle-même son mot de passe. Un mot de passe saisi ici devra être changé à la première connexion. Une personne qui a déjà un compte dans une autre organisation reçoit une invitation, qu'elle accepte depuis son compte.
accounts-security-initial-password = Mot de passe initial (facultatif)
accounts-security-initial-password-hint = Vide : un lien d'invitation. Saisi : à transmettre de façon sûre, et à changer à la première connexion.
accounts-security-link-once = Procura n'envoie pas encore d'e-mails : transmettez ce lien à { $name } ({ $email }) par un moyen sûr. Il n'est affiché qu'une fois, ne sert qu'une fois et expire le { $expires } (UTC).
accounts-security-links = Liens d'invitation en attente
accounts-security-links-hint = Ces adresses n'ont pas encore de compte : il est créé quand la personne ouvre son lien et choisit son mot de passe. Inviter de nouveau la même adresse remplace son lien, qui cesse de fonctionner.
accounts-security-expires = Expire le (UTC)
accounts-security-expired = expiré
accounts-security-cancel-link = Annuler le lien
accounts-security-invitation-title = Invitation
accounts-security-invitation-lead = { $inviter } vous invite à rejoindre { $organisation } sur Procura, avec le rôle « { $role } ».
accounts-security-invitation-password = Choisissez votre mot de passe
accounts-security-invitation-own = Vous serez seul à le connaître ; il ne vous sera pas demandé de le changer.
accounts-security-invitation-expires = Ce lien ne sert qu'une fois et expire le { $date } (UTC).
accounts-security-invitation-submit = Créer mon compte
error-invitation-link-unknown = Ce lien d'invitation n'existe pas ou a déjà servi. Demandez un nouveau lien à l'administrateur qui vous a invité.
error-invitation-link-expired = Ce lien d'invitation a expiré. Demandez un nouveau lien à l'administrateur qui vous a invité.

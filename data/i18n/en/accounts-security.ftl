# Safe accounts: a password to change at first sign-in, invitations by one-time link.

accounts-security-password-required = An administrator chose your password, so it is not yours alone. Before you go on, replace it with a password only you know. The other pages stay closed until then.
accounts-security-password-received = Password received from the administrator
error-password-change-required = First change the password an administrator set, on the "My account" page. API tokens are not affected.
accounts-security-add-hint = Leave the password empty to create a one-time invitation link: the person chooses their own password. A password typed here must be changed at the first sign-in. A person who already has an account in another organisation gets an invitation, which they accept from their account.
accounts-security-initial-password = Initial password (optional)
accounts-security-initial-password-hint = Empty: an invitation link. Typed: pass it on securely; it must be changed at the first sign-in.
accounts-security-link-once = Procura does not send e-mails yet: pass this link on to { $name } ({ $email }) securely. It is shown only once, works only once and expires on { $expires } (UTC).
accounts-security-links = Pending invitation links
accounts-security-links-hint = These addresses have no account yet: it is created when the person opens their link and chooses their password. Inviting the same address again replaces its link, which stops working.
accounts-security-expires = Expires (UTC)
accounts-security-expired = expired
accounts-security-cancel-link = Cancel the link
accounts-security-invitation-title = Invitation
accounts-security-invitation-lead = { $inviter } invites you to join { $organisation } on Procura, with the role "{ $role }".
accounts-security-invitation-password = Choose your password
accounts-security-invitation-own = Only you will know it; you will not be asked to change it.
accounts-security-invitation-expires = This link works only once and expires on { $date } (UTC).
accounts-security-invitation-submit = Create my account
error-invitation-link-unknown = This invitation link does not exist or was already used. Ask the administrator who invited you for a new link.
error-invitation-link-expired = This invitation link has expired. Ask the administrator who invited you for a new link.

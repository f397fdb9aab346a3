# Accounts and rights: project CISOs, sessions, invitations, API tokens.

error-project-ciso-grant = Only an administrator or the organisation's CISO may name or remove the project CISO. Nothing was saved.
error-token-needs-session = An API token cannot create other tokens: sign in with a browser to create one (a signed-in session is needed).
error-duplicate-invitation = An invitation is already waiting for this person's answer.
accounts-project-ciso-hint = The project CISO signs the phases off: only an administrator or the organisation's CISO names or removes them.
accounts-password-sessions = Changing your password signs out all your other sessions; this one stays open. Your API tokens keep working: revoke them below if needed.
accounts-token-lifetime = A token expires after 90 days, or after the time you choose (365 days at most). Tokens are created from a signed-in session, never with another token.
accounts-token-days = Expires after (days, 1 to 365; 90 by default)
accounts-invitations = Invitations
accounts-invitations-hint = These organisations invite you to join them. Until you accept, you are not a member and see nothing of them.
accounts-organisation = Organisation
accounts-invited-by = Invited by
accounts-invited-on = Invited on
accounts-accept = Accept
accounts-decline = Decline
accounts-pending = Pending invitations
accounts-pending-hint = These people have an account in another organisation: they become members when they accept the invitation from their account page.
accounts-cancel = Cancel invitation

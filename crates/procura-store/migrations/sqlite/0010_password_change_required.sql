-- A password an administrator typed or reset is known to someone besides
-- its owner: the owner must replace it at their next sign-in before doing
-- anything else. Passwords people chose themselves (every existing one)
-- carry no such duty.
ALTER TABLE users ADD COLUMN password_change_required BOOLEAN NOT NULL DEFAULT FALSE;

"""The forums' part of the public read-only JSON API (/api/v1/): forums of published projects
and their meetings. Registrations, invitees, invitations and walk-ins never appear in it, nor
a meeting's online link, which goes to confirmed registrants only."""

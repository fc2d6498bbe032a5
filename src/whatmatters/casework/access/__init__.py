"""Who may do what: roles, teams, the permissions matrix and break-glass access."""

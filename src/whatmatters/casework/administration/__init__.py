"""Administration: staff accounts, roles, teams and the council-wide audit log."""

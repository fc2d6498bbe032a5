"""People: one record per person, found fast."""

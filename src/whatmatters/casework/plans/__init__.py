"""The co-produced plan: actions towards outcomes, who does each, paid services, reviews."""

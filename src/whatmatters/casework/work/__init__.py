"""Follow-through: work stays open until what matters is achieved or ends with a reason."""

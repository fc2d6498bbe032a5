"""The check: measures from a journal, written once as Ibis expressions."""

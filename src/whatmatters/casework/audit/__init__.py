"""The append-only audit log of every view and change of a person's record."""

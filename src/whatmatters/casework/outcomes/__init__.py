"""What matters: outcomes in the person's words, their ratings, and a guarded status."""

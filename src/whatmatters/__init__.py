"""whatmatters: follow adult social care work from the person's side."""

__version__ = "0.1.0"

"""Handoffs: passing work to another team or worker, always with a reason."""

"""Contacts as demand: every inbound contact, value or failure, in the caller's words."""

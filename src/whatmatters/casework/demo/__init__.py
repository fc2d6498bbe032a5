"""The demo council: history imported from a journal, staff for every role, live casework."""

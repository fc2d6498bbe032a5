"""Readings: every sentence, number format and colour the report and the casework page show.

The check makes numbers; these modules say them. Numbers and plurals in
plain words are ``whatmatters.words`` (the ground floor: every floor's
messages use them); here are the capability sentence (``capability``), the
points' colours (``colours``) and the before/after wording (``results``).
"""

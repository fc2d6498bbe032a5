"""The journal table inside the casework database.

Every change in casework writes rows here with exactly the journal's
columns (``whatmatters.journal.schema``), so the check engine and the CLD
export read the live casework database as they read any journal.
"""

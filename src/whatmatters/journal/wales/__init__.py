"""Wales: the Welsh person-level event template and the ARCS census extract.

Welsh councils do not submit England's CLD. They bring their records in as
the Welsh template (``template.py``: one row per event — what-matters
conversation, IAA contact, assessment, care and support plan start and
closure, review, reablement, safeguarding) or as their ARCS census extract
through a column map (``arcs.py``, ``arcs_map.py``). Both are checked row by
row like CLD and written as a journal. See ``docs/wales.md``.
"""

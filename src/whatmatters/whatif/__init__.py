"""What if: a council's model and scenarios, run many times and shown side by side.

``whatmatters.whatif.study.what_if`` runs and compares (see docs/what-if.md);
this package's ``__init__`` stays empty so ``whatmatters --help`` stays fast.
"""

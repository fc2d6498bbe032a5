"""The report's sections, one module each, in the Vanguard check's order."""

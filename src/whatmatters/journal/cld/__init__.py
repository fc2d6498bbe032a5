"""England's Client Level Data (CLD): read, validate, map R1 to R2, cost, export."""

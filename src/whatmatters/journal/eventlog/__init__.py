"""Event logs (CSV, Parquet, XES) into the journal."""

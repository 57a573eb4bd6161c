"""Frontline ingest: read, parse, extract and load news articles into DuckDB."""

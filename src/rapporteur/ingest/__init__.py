"""Ingest: read UN documents (TXT, PDF, DOCX, HTML) into citable units."""

from rapporteur.ingest.parse import parse, parse_bytes

__all__ = ["parse", "parse_bytes"]

"""Ingest: read UN documents (TXT, PDF, DOCX, HTML) into citable units (parse.py: parse, parse_bytes)."""

"""Rapporteur: semantic search and a cited assistant over UN working-group reports."""

__version__ = "0.1.0"

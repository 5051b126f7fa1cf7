"""Evaluation: retrieval, answer and duplicate-check metrics on labelled sets."""

"""The assistant: answers with citations, duplicate checks for draft recommendations."""

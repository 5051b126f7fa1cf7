"""The maintained measuring tools (speed, memory, scale, load, fuzz, library reports); not installed.

Each is run as ``python -m benchmarks.NAME`` from the checkout; benchmarks/README.md indexes them.
The labelled sets they read live in eval/.
"""

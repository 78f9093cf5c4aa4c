"""The sensitivity engine: find, explain and de-sensitise personal and special-category data.

Rules and gazetteers, no downloaded model: see docs/engine.md.
"""

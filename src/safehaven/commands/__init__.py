"""Core CLI commands, one module each (see safehaven.cli)."""

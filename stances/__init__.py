"""Stances: a general engine for tracking negotiating positions from a curated YAML dataset."""

__version__ = "0.1.0"

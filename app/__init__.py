"""Robotfabrik: record, edit and replay attended software robots for case-handling systems."""

__version__ = "0.1.0"

"""Typed, fast and safe client for the BEMServer API (drop-in for `bemserver-api-client`)."""

__version__ = "0.1.0"

"""Upward: an open-source platform for an employer's social-mobility network."""

__version__ = "0.1.0"

"""The one place the version of kg is written."""

__version__ = "0.1.0"

"""Timelines: the typed model, reading YAML into it with its checks, derived times, and synthetic timelines."""

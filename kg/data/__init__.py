"""Data shipped with kg: bundled timelines and their sources."""

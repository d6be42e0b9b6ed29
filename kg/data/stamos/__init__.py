"""The Stamos / Facebook timeline and its Arabic source article."""

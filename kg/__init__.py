"""kg: temporal knowledge graphs of news timelines (skeleton; being built)."""

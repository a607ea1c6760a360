"""Rule specifications, loading, kinds and selection."""

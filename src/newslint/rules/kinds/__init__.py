"""Rule kinds: one module per kind, each a class with OPTIONS and check()."""

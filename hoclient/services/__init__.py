"""Use cases: one function is one user action is one transaction (DESIGN.md, Layers)."""

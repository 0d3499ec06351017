"""Pure rules of Part 7 and of the records they need: dates in, facts out.

No Qt, no SQLAlchemy, no I/O (DESIGN.md, Layers; enforced by import-linter).
"""

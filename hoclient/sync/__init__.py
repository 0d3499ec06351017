"""Built by a later issue; see ../shared/DESIGN.md (Layers)."""

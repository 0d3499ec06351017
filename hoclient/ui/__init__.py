"""The desktop UI: PySide6 widgets, Qt item models, dialogs and background workers.

Only this package imports Qt. It calls hoclient.services and nothing below it, and shows the
frozen views services return (DESIGN.md, Layers).
"""

"""hoclient: offline-first casework for Housing Options teams."""

__version__ = "0.1.0"

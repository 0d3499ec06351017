"""The laptop's store: engine and sessions, migrations, the search index."""

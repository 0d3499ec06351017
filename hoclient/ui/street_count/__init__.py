"""Street count windows: the volunteer's count-only window and the coordinator's page."""

"""Store problems an officer or support can act on. Their str() is the message shown."""


class StoreError(Exception):
    """The store cannot be used; the message says why and what to do."""

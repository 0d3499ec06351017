"""What lets an officer sign in on this laptop with no signal: never synced, never a password.

The verifier is an argon2id hash of the officer's password, made when the laptop was
enrolled online (hoclient.security.passwords). Failed attempts are counted here, in the
encrypted store, so a restart does not reset them.
"""

import uuid
from datetime import datetime

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from hoclient.models.base import Base
from hoclient.models.types import UtcDateTime


class OfflineSignIn(Base):
    __tablename__ = "offline_sign_in"

    officer_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(120), unique=True)
    verifier: Mapped[str] = mapped_column(Text)
    failed_attempts: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UtcDateTime)

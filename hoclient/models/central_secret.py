"""Centre: secrets the central service makes once and every instance shares.

The service is stateless (several may run behind a balancer), so a secret such as the
council's case-bundle key lives in the central database, never in one instance's memory or
files. Never synced, never dumped: only the centre reads it, and hands it to enrolled
casework devices (hoclient.server.bundle_key). The table exists in laptops' stores too (one
Alembic history builds both ends) and stays empty there.
"""

from datetime import datetime

from sqlalchemy import LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from hoclient.models.base import Base
from hoclient.models.types import utc_now


class CentralSecret(Base):
    __tablename__ = "central_secret"

    name: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(default=utc_now)

"""Settings of this laptop's store only: never synced."""

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from hoclient.models.base import Base


class LocalSetting(Base):
    __tablename__ = "local_setting"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[str] = mapped_column(Text)

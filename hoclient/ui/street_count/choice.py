"""A row of large buttons, one of which is chosen: quicker than a drop-down on a tablet, and
reached from the keyboard with Tab and the arrow keys."""

import enum
from collections.abc import Sequence
from typing import Generic, TypeVar

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QGridLayout, QPushButton, QWidget

E = TypeVar("E", bound=enum.Enum)


class Choice(QWidget, Generic[E]):
    changed = Signal()

    def __init__(
        self,
        name: str,
        members: Sequence[E],
        default: E,
        *,
        per_row: int = 4,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self._members = list(members)
        self._default = default
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.buttons: list[QPushButton] = []
        for number, member in enumerate(self._members):
            button = QPushButton(str(member.value))
            button.setCheckable(True)
            button.setObjectName("choiceButton")
            button.setAccessibleName(f"{name}: {member.value}")
            self._group.addButton(button, number)
            layout.addWidget(button, number // per_row, number % per_row)
            self.buttons.append(button)
        self._group.idToggled.connect(self._toggled)
        self.set_value(default)

    def _toggled(self, _id: int, checked: bool) -> None:
        if checked:  # the one turned on, not the one turned off with it
            self.changed.emit()

    def value(self) -> E:
        return self._members[max(self._group.checkedId(), 0)]

    def set_value(self, member: E) -> None:
        self.buttons[self._members.index(member)].setChecked(True)

    def reset(self) -> None:
        self.set_value(self._default)

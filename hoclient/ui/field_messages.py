"""Each field's problem in plain words, under the field, as the officer types.

A message appears once the officer has touched the field (changed it, or left it) or has
pressed Save, so a fresh form is not a wall of red. Problems come from services
(approach_problems, member_input_problems); this module only decides where and when to show
them.
"""

from collections.abc import Callable, Mapping

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)


class FieldMessages(QObject):
    def __init__(self, on_edit: Callable[[], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._on_edit = on_edit  # the form re-checks itself after any edit
        self._widgets: dict[str, QWidget] = {}
        self._labels: dict[str, QLabel] = {}
        self._touched: set[str] = set()
        self._reveal_all = False
        self._live: dict[str, str] = {}
        self._refused: dict[str, str] = {}  # what a service refused on Save, until the next edit

    def row(self, name: str, widget: QWidget, *beside: QWidget) -> QWidget:
        """The field (and anything beside it, like a 'Not known' box) above its message."""
        label = QLabel()
        label.setObjectName("fieldProblem")
        label.setWordWrap(True)
        label.hide()
        self._widgets[name] = widget
        self._labels[name] = label
        self._watch(name, widget)
        for other in beside:
            self._watch(name, other)
        container = QWidget()
        column = QVBoxLayout(container)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        if beside:
            line = QHBoxLayout()
            line.setContentsMargins(0, 0, 0, 0)
            line.addWidget(widget, 1)
            for other in beside:
                line.addWidget(other)
            column.addLayout(line)
        else:
            column.addWidget(widget)
        column.addWidget(label)
        return container

    def label(self, name: str) -> QLabel:
        return self._labels[name]

    def touch(self, name: str) -> None:
        if name not in self._touched:
            self._touched.add(name)
            self._redraw()

    def reveal_all(self) -> None:
        self._reveal_all = True
        self._redraw()

    @property
    def all_revealed(self) -> bool:
        return self._reveal_all

    def set_problems(self, problems: Mapping[str, str]) -> None:
        """The form's current problems, re-checked after every edit."""
        self._live = dict(problems)
        self._redraw()

    def set_refused(self, problems: Mapping[str, str]) -> None:
        """What a service refused on Save; shown whether or not the field was touched."""
        self._refused = dict(problems)
        self._touched.update(problems)
        self._redraw()

    def shown(self) -> dict[str, str]:
        """Field name -> the message the officer can see now."""
        return {name: label.text() for name, label in self._labels.items() if label.text()}

    def unplaced(self) -> list[str]:
        """Refusals for which the form has no field: the form shows them at the top."""
        return [text for name, text in self._refused.items() if name not in self._labels]

    def first_field_with_problem(self) -> QWidget | None:
        shown = self.shown()
        return next((self._widgets[name] for name in self._widgets if name in shown), None)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # QObject.eventFilter
        if event.type() == QEvent.Type.FocusOut:
            name = watched.property("fieldName")
            if isinstance(name, str):
                self.touch(name)
        return super().eventFilter(watched, event)

    def _watch(self, name: str, widget: QWidget) -> None:
        widget.setProperty("fieldName", name)
        widget.installEventFilter(self)

        def edited(*_args: object) -> None:
            self._refused.clear()
            self._touched.add(name)
            self._on_edit()

        if isinstance(widget, QLineEdit):
            widget.textChanged.connect(edited)
        elif isinstance(widget, QComboBox):
            widget.currentIndexChanged.connect(edited)
        elif isinstance(widget, QAbstractButton):
            widget.toggled.connect(edited)

    def _redraw(self) -> None:
        for name, label in self._labels.items():
            text = self._live.get(name) or self._refused.get(name)
            visible = bool(text) and (self._reveal_all or name in self._touched)
            label.setText(text if visible and text else "")
            label.setVisible(visible)
            widget = self._widgets[name]
            widget.setAccessibleDescription(label.text())  # read out with the field
            if bool(widget.property("problem")) != visible:
                # The stylesheet's red edge follows the property only once re-polished.
                widget.setProperty("problem", visible)
                widget.style().unpolish(widget)
                widget.style().polish(widget)

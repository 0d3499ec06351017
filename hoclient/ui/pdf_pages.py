"""A letter's PDF shown as page images: rendered with QtPdf off the UI thread, then laid out
one under another in a scroll area. The officer reads the very bytes that will be (or were)
issued, not a second rendering of the letter."""

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt
from PySide6.QtGui import QImage, QPixmap, QResizeEvent
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

# Sharp enough to read a letter at the dialog's width without zooming (A4: 794 x 1123 px).
PREVIEW_DPI = 96


class PdfUnreadable(Exception):
    """QtPdf could not read the bytes (a bug: hoclient only shows PDFs it made)."""


def pdf_page_images(pdf: bytes, dpi: int = PREVIEW_DPI) -> list[QImage]:
    """Every page of `pdf` as an image. Safe on a worker thread: it touches no widget."""
    document = QPdfDocument()
    buffer = QBuffer()
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)  # a random-access buffer loads at once, not in the background
    try:
        if document.status() != QPdfDocument.Status.Ready:
            raise PdfUnreadable(f"QtPdf could not read the letter ({document.error().name})")
        images = []
        for page in range(document.pageCount()):
            points = document.pagePointSize(page)
            size = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
            images.append(document.render(page, size))
        return images
    finally:
        document.close()
        buffer.close()


class PdfPagesView(QScrollArea):
    """Pages one under another, fitted to the width, with a margin between; keyboard-scrollable."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pdfPages")
        self.setWidgetResizable(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # arrow keys and PgDn read the letter
        self.setAccessibleName("Letter preview")
        self._pages = QWidget()
        self._pages.setObjectName("pdfPagesBackground")
        self._layout = QVBoxLayout(self._pages)
        self._layout.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self._layout.setSpacing(12)
        self.setWidget(self._pages)
        self.page_labels: list[QLabel] = []
        self._images: list[QImage] = []
        self.show_message("No preview yet.")

    def show_pages(self, images: list[QImage]) -> None:
        self._clear()
        self._images = list(images)
        for number in range(1, len(images) + 1):
            label = QLabel()
            label.setObjectName("pdfPage")
            label.setAccessibleName(f"Page {number} of {len(images)}")
            self._layout.addWidget(label)
            self.page_labels.append(label)
        self._fit_pages()

    def resizeEvent(self, event: QResizeEvent) -> None:  # QWidget.resizeEvent
        super().resizeEvent(event)
        self._fit_pages()

    def _fit_pages(self) -> None:
        # The whole width of a page in view: a letter is read down, never scrolled across.
        margins = self._layout.contentsMargins()
        width = self.viewport().width() - margins.left() - margins.right() - 2
        for label, image in zip(self.page_labels, self._images, strict=True):
            fitted = (
                image
                if image.width() <= width
                else image.scaledToWidth(
                    max(width, 100), Qt.TransformationMode.SmoothTransformation
                )
            )
            label.setPixmap(QPixmap.fromImage(fitted))

    def show_message(self, text: str) -> None:
        self._clear()
        label = QLabel(text)
        label.setObjectName("emptyHint")
        label.setWordWrap(True)
        self._layout.addWidget(label)

    def _clear(self) -> None:
        self.page_labels = []
        self._images = []
        while (item := self._layout.takeAt(0)) is not None:
            widget = item.widget()
            if widget is not None:
                widget.hide()
                widget.deleteLater()

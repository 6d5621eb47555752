"""Files in every format for the tests: the shipped page's variants (from guide.html, by
resources/formats/make_variants.py) and files that can't be read, each with the reason a reader gives."""
from __future__ import annotations

import importlib.util
import io
import random
import sys
import zipfile
from pathlib import Path

RESOURCES = Path(__file__).parent / "resources" / "formats"
GUIDE_HTML = RESOURCES / "guide.html"


def load_make_variants():
    spec = importlib.util.spec_from_file_location("make_variants", RESOURCES / "make_variants.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


def build_variants(out: Path) -> dict[str, Path]:
    """suffix -> path: guide.html plus the PDF, DOCX and Markdown made from it, written into ``out``."""
    return {".html": GUIDE_HTML, **load_make_variants().build_variants(out)}


def pdf_bytes(draw, **kwargs) -> bytes:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, invariant=1, **kwargs)
    draw(c)
    c.showPage()
    c.save()
    return buffer.getvalue()


def role_page_pdf(title: str, intro: str, pay_lines: list[str]) -> bytes:
    """A role page printed to PDF: the title and an intro on page 1, a "Salary" section with
    ``pay_lines`` on page 2 (so a citation must name page 2)."""
    def draw(c):
        c.setTitle(title)
        c.setFont("Helvetica-Bold", 20)
        c.drawString(72, 720, title)
        c.setFont("Helvetica", 10)
        c.drawString(72, 690, intro)
        c.showPage()
        c.setFont("Helvetica-Bold", 14)
        c.drawString(72, 720, "Salary")
        c.setFont("Helvetica", 10)
        for n, line in enumerate(pay_lines):
            c.drawString(72, 700 - 14 * n, line)

    return pdf_bytes(draw)


def _encrypted_pdf() -> bytes:
    from reportlab.lib import pdfencrypt

    return pdf_bytes(lambda c: c.drawString(72, 700, "Salary table"),
                encrypt=pdfencrypt.StandardEncryption("user-secret", ownerPassword="owner-secret"))


def _scanned_pdf() -> bytes:
    from PIL import Image
    from reportlab.lib.utils import ImageReader

    image = Image.new("L", (120, 60), 255)
    for x in range(10, 110):
        image.putpixel((x, 30), 0)
    return pdf_bytes(lambda c: c.drawImage(ImageReader(image), 72, 500, 360, 180))


def _truncated_docx(variants) -> bytes:
    return variants[".docx"].read_bytes()[:4000]


def _zip_that_is_not_docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("notes.txt", "not a Word document")
    return buffer.getvalue()


JUNK = random.Random(7).randbytes(4096)

BAD_FILES = {
    "encrypted.pdf": (lambda v: _encrypted_pdf(), "password-protected"),
    "scanned.pdf": (lambda v: _scanned_pdf(), "no text layer"),
    "damaged.pdf": (lambda v: b"%PDF-1.7\n" + JUNK, "not a valid PDF"),
    "renamed.pdf": (lambda v: b"<html>not a pdf</html>", "not a PDF file"),
    "truncated.docx": (_truncated_docx, "not a valid Word .docx file"),
    "archive.docx": (lambda v: _zip_that_is_not_docx(), "not a valid Word .docx file"),
    "legacy.docx": (lambda v: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + JUNK, "password-protected or an old Word"),
    "no-body.html": (lambda v: b"<html><head><title>Only a title</title></head></html>", "has no body text"),
    "app-shell.html": (lambda v: b"<html><body><div id=app></div><script>boot()</script></body></html>",
                       "has no body text"),
    "chrome-only.html": (lambda v: b"<html><body><nav><a href=/>Home</a></nav><footer>(c) Acme</footer></body></html>",
                         "no readable text"),
    "junk.html": (lambda v: JUNK, "binary data"),
    "junk.md": (lambda v: JUNK, "binary data"),
    "blank.md": (lambda v: b"  \n\n", "is empty"),
    "latin1.md": (lambda v: "# Salaire\n\n50 000 \xe9".encode("latin-1"), "is not UTF-8 (byte "),
    "notes.txt": (lambda v: b"plain text", "file type"),
}

"""CV files: checked by what they contain, stored under a random name, handed out with a safe name."""

import logging
import uuid

from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.template.defaultfilters import filesizeformat
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from pypdf import PdfReader
from pypdf.errors import PyPdfError

logger = logging.getLogger(__name__)

CV_MAX_BYTES = 5 * 1024 * 1024
PDF_MAGIC = b"%PDF-"


def cv_upload_to(instance, filename):
    """A random name under MEDIA_ROOT/cvs/: the uploaded name is never used on disk."""
    return f"cvs/{uuid.uuid4().hex}.pdf"


def validate_cv(upload):
    """Refuse anything but a readable PDF of at most 5 MB, whatever the file is called."""
    if upload.size > CV_MAX_BYTES:
        raise ValidationError(
            _("Your CV is %(size)s; the largest we accept is %(max)s. Try exporting a smaller PDF."),
            code="too_large",
            params={"size": filesizeformat(upload.size), "max": filesizeformat(CV_MAX_BYTES)},
        )
    upload.seek(0)
    head = upload.read(len(PDF_MAGIC))
    upload.seek(0)
    if head != PDF_MAGIC:
        raise ValidationError(_("This file is not a PDF. Please upload your CV as a PDF file."), code="not_pdf")
    try:
        reader = PdfReader(upload)
        if reader.is_encrypted:
            raise ValidationError(
                _("This PDF is password-protected. Please upload a version without a password."), code="encrypted"
            )
        page_count = len(reader.pages)
    except ValidationError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError) as error:
        # pypdf raises many kinds on broken files; each means the same thing to the talent.
        logger.info("Refused a CV that pypdf could not read: %s", error)
        page_count = 0
    finally:
        upload.seek(0)
    if page_count < 1:
        raise ValidationError(
            _("We could not read this PDF. Please export it again from your editor and upload the new file."),
            code="unreadable",
        )


def cv_download_name(application):
    """`cv-amara-okafor-cohort-2026.pdf`: ASCII only, nothing from the uploaded name."""
    name = slugify(application.talent.name) or "talent"
    return f"cv-{name}-{application.cohort.slug}.pdf"


def cv_download_response(application):
    """The CV as a download with a safe name, for whoever the caller has allowed to see it."""
    try:
        cv = application.cv.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(cv, as_attachment=True, filename=cv_download_name(application))
    response["Content-Type"] = "application/pdf"
    return response


def minimal_pdf(lines):
    """A small, valid one-page PDF with the given lines of text (demo data and tests)."""

    def escape(text):
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    text_ops = ["BT", "/F1 12 Tf", "72 760 Td", "16 TL"]
    text_ops += [f"({escape(line)}) '" for line in lines]
    text_ops.append("ET")
    stream = "\n".join(text_ops).encode("latin-1", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> "
        b"/Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref_at = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref_at)
    return bytes(out)

"""CV files: checked by what they contain, stored under a random name, handed out with a safe name."""

import json
import logging
import subprocess  # nosec B404
import sys
import time
import uuid
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.template.defaultfilters import filesizeformat
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

CV_MAX_BYTES = 5 * 1024 * 1024
PDF_MAGIC = b"%PDF-"
# subprocess runs only this, our own script, with fixed arguments and the PDF on standard input.
CHECKER = Path(__file__).with_name("cv_check.py")

# What the talent reads next to the CV field for each verdict of talents/cv_check.py.
REFUSALS = {
    "not_pdf": _("This file is not a PDF. Please upload your CV as a PDF file."),
    "encrypted": _("This PDF is password-protected. Please upload a version without a password."),
    "unreadable": _("We could not read this PDF. Please export it again from your editor and upload the new file."),
    "too_many_pages": _("Your CV has more than %(max)d pages. Please upload a shorter CV, at most %(max)d pages."),
    "too_complex": _(
        "This PDF is too complex for us to check: reading it needs more time or memory than a CV should. "
        "Please export it again from your editor (for example with “Save as PDF”) and upload the new file."
    ),
    "check_failed": _("We could not check your CV just now. Please try again in a few minutes."),
}


def cv_upload_to(instance, filename):
    """A random name under MEDIA_ROOT/cvs/: the uploaded name is never used on disk."""
    return f"cvs/{uuid.uuid4().hex}.pdf"


def validate_cv(upload):
    """Refuse anything but a readable PDF of at most 5 MB and CV_MAX_PAGES pages, whatever the file is
    called. The PDF is read in a child process under CPU, memory and time limits (check_pdf), so a
    hostile file costs this process a few seconds of waiting and nothing else."""
    if upload.size > CV_MAX_BYTES:
        raise ValidationError(
            _("Your CV is %(size)s; the largest we accept is %(max)s. Try exporting a smaller PDF."),
            code="too_large",
            params={"size": filesizeformat(upload.size), "max": filesizeformat(CV_MAX_BYTES)},
        )
    upload.seek(0)
    data = upload.read(CV_MAX_BYTES + 1)
    upload.seek(0)
    verdict = "not_pdf" if not data.startswith(PDF_MAGIC) else check_pdf(data)
    if verdict != "ok":
        raise ValidationError(REFUSALS[verdict], code=verdict, params={"max": settings.CV_MAX_PAGES})


def check_pdf(data):
    """The verdict of talents/cv_check.py on `data`, run as `python -I` (no Django, no settings, an
    empty environment) under the CV_CHECK_* limits: "ok" or a key of REFUSALS.

    The child sets its own RLIMIT_CPU and RLIMIT_AS (a preexec_fn would not be safe in a threaded
    server); this side kills it after CV_CHECK_TIMEOUT_SECONDS whatever it is doing.
    """
    command = [
        sys.executable, "-I", str(CHECKER),
        "--cpu-seconds", str(settings.CV_CHECK_CPU_SECONDS),
        "--memory-mb", str(settings.CV_CHECK_MEMORY_MB),
        "--max-pages", str(settings.CV_MAX_PAGES),
        "--max-bytes", str(CV_MAX_BYTES),
    ]  # fmt: skip
    started = time.monotonic()
    try:
        # Our interpreter and our script with fixed arguments; the PDF goes to standard input only.
        done = subprocess.run(  # noqa: S603  # nosec B603
            command, input=data, capture_output=True, env={}, timeout=settings.CV_CHECK_TIMEOUT_SECONDS, check=False
        )
    except subprocess.TimeoutExpired:
        verdict, detail = "too_complex", "wall-clock timeout"
    except OSError:
        logger.exception("Could not start the CV check")
        return "check_failed"
    else:
        verdict, detail = _read_verdict(done)
    note = f" ({detail})" if detail else ""
    logger.info("CV check: %s%s after %.2f s, %d bytes", verdict, note, time.monotonic() - started, len(data))
    return verdict


def _read_verdict(done):
    if done.returncode < 0:  # SIGXCPU past RLIMIT_CPU, SIGKILL past the hard limit
        return "too_complex", f"signal {-done.returncode}"
    try:
        answer = json.loads(done.stdout.decode().strip().splitlines()[-1])
        verdict, detail = answer["verdict"], answer.get("detail", "")
    except (ValueError, IndexError, KeyError, TypeError):
        verdict = detail = None
    if verdict in REFUSALS or verdict == "ok":
        return verdict, detail
    if b"MemoryError" in done.stderr:  # RLIMIT_AS reached where the checker could not answer
        return "too_complex", "memory"
    logger.error("The CV check failed (exit %s): %s", done.returncode, done.stderr[-2000:].decode(errors="replace"))
    return "check_failed", f"exit {done.returncode}"


def cv_download_name(application):
    """`cv-amara-okafor-cohort-2026.pdf`: ASCII only, nothing from the uploaded name."""
    name = slugify(application.talent.name) or "talent"
    return f"cv-{name}-{application.cohort.slug}.pdf"


def cv_download_response(application, *, inline=False):
    """The CV as a download with a safe name, for whoever the caller has allowed to see it; `inline`
    asks the browser to show it (the managers' review page frames it) rather than save it."""
    try:
        cv = application.cv.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(cv, as_attachment=not inline, filename=cv_download_name(application))
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

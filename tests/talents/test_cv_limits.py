"""A CV can never stall a worker: the PDF is read in a child process under CPU, memory and time limits
(talents/cv.py runs talents/cv_check.py), and whatever hits a limit is refused next to the field."""

import logging
from io import BytesIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from pypdf import PdfWriter

from talents.choices import ApplicationStatus
from talents.cv import check_pdf
from talents.models import Application
from tests import hostile_pdfs
from tests.factories import ApplicationFactory, pdf_bytes

TOO_COMPLEX = "This PDF is too complex for us to check"
UNREADABLE = "We could not read this PDF"
TOO_MANY_PAGES = "Your CV has more than 30 pages"

# Small versions of what `make bench-cv` uploads (tests/hostile_pdfs.py), and what the talent is told.
HOSTILE = [
    pytest.param(lambda: hostile_pdfs.objstm_bomb(megabytes=20, streams=1), TOO_COMPLEX, id="object-stream-bomb"),
    pytest.param(lambda: hostile_pdfs.objstm_many_objects(count=60_000), TOO_COMPLEX, id="object-stream-crowd"),
    pytest.param(lambda: hostile_pdfs.content_bomb(megabytes=70), TOO_COMPLEX, id="content-stream-bomb"),
    pytest.param(lambda: hostile_pdfs.deep_arrays(depth=5_000), TOO_COMPLEX, id="nested-arrays"),
    pytest.param(lambda: hostile_pdfs.deep_dictionaries(depth=5_000), TOO_COMPLEX, id="nested-dictionaries"),
    pytest.param(lambda: hostile_pdfs.many_pages(pages=2_000), TOO_MANY_PAGES, id="many-pages"),
    pytest.param(
        lambda: hostile_pdfs.many_pages(pages=2_000, honest_count=False), TOO_MANY_PAGES, id="many-pages-count-1"
    ),
    pytest.param(hostile_pdfs.cyclic_page_tree, UNREADABLE, id="cyclic-page-tree"),
    pytest.param(hostile_pdfs.cyclic_xref_chain, UNREADABLE, id="cyclic-xref-chain"),
    pytest.param(hostile_pdfs.self_referencing_objects, UNREADABLE, id="self-referencing-objects"),
    pytest.param(lambda: hostile_pdfs.huge_xref_stream(entries=3_000_000), TOO_COMPLEX, id="huge-xref-stream"),
    pytest.param(lambda: hostile_pdfs.huge_xref_table(entries=60_000), TOO_COMPLEX, id="huge-xref-table"),
]


@pytest.fixture(autouse=True)
def _patient_clock(settings):
    """The CPU and memory limits decide in these tests, not how busy the test machine is; the
    wall-clock timeout has a test of its own."""
    settings.CV_CHECK_TIMEOUT_SECONDS = 60


@pytest.fixture
def talent_client(client, talent):
    client.force_login(talent)
    return client


@pytest.fixture
def draft(talent, call_cohort, media_root):
    return ApplicationFactory(
        talent=talent.talent_profile,
        cohort=call_cohort,
        status=ApplicationStatus.DRAFT,
        submitted_at=None,
        motivation="Before",
    )


def upload(content):
    return SimpleUploadedFile("cv.pdf", content, "application/pdf")


def save(client, **data):
    return client.post(reverse("talents:application"), {"action": "save", **data})


def files_in(media_root):
    return sorted(str(path.relative_to(media_root)) for path in Path(media_root).rglob("*") if path.is_file())


def written_pdf(pages, *, password=None):
    """A PDF as pypdf's writer makes it: `pages` blank pages."""
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    if password:
        writer.encrypt(password)
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize(("make", "message"), HOSTILE)
def test_a_hostile_pdf_is_refused_next_to_the_field_and_changes_nothing(
    talent_client, draft, media_root, make, message
):
    before_files, before_saved = files_in(media_root), draft.updated_at
    response = save(talent_client, cv=upload(make()), motivation="After")
    assert response.status_code == 200
    assert 'id="id_cv_error"' in response.text
    assert message in response.text
    draft.refresh_from_db()
    assert (draft.motivation, draft.updated_at) == ("Before", before_saved)
    assert files_in(media_root) == before_files


@pytest.mark.parametrize(("make", "message"), HOSTILE[:3])
def test_a_hostile_pdf_as_a_first_upload_creates_no_application(talent_client, call_cohort, media_root, make, message):
    response = save(talent_client, cv=upload(make()), motivation="First try")
    assert message in response.text
    assert not Application.objects.exists()
    assert files_in(media_root) == []


def test_a_normal_pdf_is_accepted_and_stored(talent_client, draft, media_root):
    response = save(talent_client, cv=upload(pdf_bytes("Amara Okafor", "MSc Machine Learning")), motivation="After")
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.motivation == "After"
    assert (Path(media_root) / draft.cv.name).read_bytes().startswith(b"%PDF-")


def test_a_cv_of_exactly_the_page_cap_is_accepted(talent_client, draft):
    response = save(talent_client, cv=upload(written_pdf(30)))
    assert response.status_code == 302


def test_a_cv_over_the_page_cap_is_refused_with_the_cap_in_the_message(talent_client, draft, settings):
    settings.CV_MAX_PAGES = 3
    response = save(talent_client, cv=upload(written_pdf(4)))
    assert 'id="id_cv_error"' in response.text
    assert "Your CV has more than 3 pages. Please upload a shorter CV, at most 3 pages." in response.text
    assert "A PDF of at most 5 MB and 3 pages." in response.text  # the field's help says so up front
    assert save(talent_client, cv=upload(written_pdf(3))).status_code == 302


def test_a_password_protected_pdf_is_refused(talent_client, draft):
    response = save(talent_client, cv=upload(written_pdf(1, password="secret")))
    assert "This PDF is password-protected" in response.text


def test_a_pdf_that_needs_more_cpu_than_allowed_is_stopped_by_the_kernel(talent_client, draft, settings, caplog):
    settings.CV_CHECK_CPU_SECONDS = 1
    settings.CV_CHECK_MEMORY_MB = 2048
    with caplog.at_level(logging.INFO, logger="talents.cv"):
        response = save(talent_client, cv=upload(hostile_pdfs.wide_arrays(objects=25)))
    assert TOO_COMPLEX in response.text
    assert "CV check: too_complex (signal 24)" in caplog.text  # SIGXCPU: RLIMIT_CPU, not a check of ours
    draft.refresh_from_db()
    assert draft.motivation == "Before"


def test_a_pdf_that_needs_more_memory_than_allowed_is_refused(talent_client, draft, settings, caplog):
    settings.CV_CHECK_CPU_SECONDS = 60
    settings.CV_CHECK_MEMORY_MB = 100
    with caplog.at_level(logging.INFO, logger="talents.cv"):
        response = save(talent_client, cv=upload(hostile_pdfs.wide_arrays(objects=10)))
    assert TOO_COMPLEX in response.text
    assert "CV check: too_complex (MemoryError)" in caplog.text  # RLIMIT_AS
    draft.refresh_from_db()
    assert draft.motivation == "Before"


def test_a_check_past_the_wall_clock_timeout_is_killed_and_refused(talent_client, draft, settings, caplog):
    settings.CV_CHECK_TIMEOUT_SECONDS = 0  # no check can answer in time: the parent kills it
    with caplog.at_level(logging.INFO, logger="talents.cv"):
        response = save(talent_client, cv=upload(pdf_bytes("Amara Okafor")))
    assert response.status_code == 200
    assert TOO_COMPLEX in response.text
    assert "CV check: too_complex (wall-clock timeout)" in caplog.text


def test_check_pdf_gives_a_verdict_without_django_in_the_child():
    """The child is `python -I talents/cv_check.py` with an empty environment: the same command in the
    quick start, under gunicorn and here."""
    assert check_pdf(pdf_bytes("Amara Okafor")) == "ok"
    assert check_pdf(b"%PDF-1.4\nnot really\n%%EOF\n") == "unreadable"


# --- saving is rate limited per account -------------------------------------------------------------


def test_saving_more_often_than_the_limit_is_refused_with_429_and_saves_nothing(
    talent_client, talent, call_cohort, settings
):
    settings.APPLICATION_SAVE_RATE_LIMIT = 3
    for attempt in range(3):
        assert save(talent_client, motivation=f"Draft {attempt}").status_code == 302
    refused = save(talent_client, motivation="Draft 3", cv=upload(pdf_bytes("Amara Okafor")))
    assert refused.status_code == 429
    assert "You have saved your application many times in a short while" in refused.text
    assert "Draft 3" in refused.text  # what they typed is still in the form
    application = Application.objects.get(talent__user=talent)
    assert application.motivation == "Draft 2"
    assert not application.cv
    submitted = talent_client.post(reverse("talents:application"), {"action": "submit", "motivation": "x"})
    assert submitted.status_code == 429


def test_another_account_is_not_limited_by_someone_elses_saves(talent_client, other_talent, call_cohort, settings):
    settings.APPLICATION_SAVE_RATE_LIMIT = 1
    save(talent_client, motivation="One")
    assert save(talent_client, motivation="Two").status_code == 429
    other = Client()
    other.force_login(other_talent)
    assert save(other, motivation="Mine").status_code == 302
    assert Application.objects.get(talent__user=other_talent).motivation == "Mine"

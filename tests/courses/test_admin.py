"""The course's admin: lessons and their checks, images, participants (the CSV, the mapping), public bodies."""

import csv
import io

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image

from courses.choices import BodyKind, LeaderRole
from courses.models import Lesson, LessonImage, PublicBody
from eyeforai.activity.models import ActivityEntry
from tests.conftest_helpers import person_loaded_afresh
from tests.courses.factories import (
    CheckedLessonFactory,
    ChoiceFactory,
    CourseManagerFactory,
    LessonFactory,
    LessonProgressFactory,
    ParticipantFactory,
    QuestionFactory,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def course_manager(db):
    return CourseManagerFactory(email="course.manager@ai.se", first_name="Sara", last_name="Holm")


@pytest.fixture
def staff_client(client, course_manager):
    client.force_login(course_manager)
    return client


def lesson_post(**fields):
    """The lesson form as posted, with its question inline's management form and `questions` rows."""
    questions = fields.pop("questions", [])
    data = {
        "position": 7,
        "minutes": 20,
        "pass_percent": 67,
        "title_sv": "Vad är AI?",
        "body_sv": "# Inledning\n\nAI är **statistik**.",
        "title_en": "",
        "body_en": "",
        "questions-TOTAL_FORMS": len(questions),
        "questions-INITIAL_FORMS": sum(1 for question in questions if "id" in question),
        "questions-MIN_NUM_FORMS": 0,
        "questions-MAX_NUM_FORMS": 1000,
        **fields,
    }
    for index, question in enumerate(questions):
        for key, value in question.items():
            data[f"questions-{index}-{key}"] = value
    return data


# --- Lessons and their checks ---------------------------------------------------------------------------


def test_a_draft_lesson_is_saved_without_questions(staff_client):
    response = staff_client.post(reverse("admin:courses_lesson_add"), lesson_post())
    assert response.status_code == 302
    assert Lesson.objects.get(position=7).published is False


def test_a_published_lesson_without_a_question_is_refused_with_a_message(staff_client):
    response = staff_client.post(reverse("admin:courses_lesson_add"), lesson_post(published="on"))
    assert response.status_code == 200
    errors = response.context["inline_admin_formsets"][0].formset.non_form_errors()
    assert "A published lesson needs at least one question" in str(errors)
    assert "A published lesson needs at least one question" in response.content.decode()
    assert not Lesson.objects.filter(position=7).exists()


def test_a_lesson_is_not_published_while_a_question_has_no_correct_answer(staff_client):
    lesson = LessonFactory(published=False, position=7)
    question = QuestionFactory(lesson=lesson, position=1, text_sv="Vad gör en modell?")
    ChoiceFactory(question=question, correct=False)
    questions = [{"id": question.pk, "lesson": lesson.pk, "position": 1, "text_sv": question.text_sv}]
    url = reverse("admin:courses_lesson_change", args=[lesson.pk])

    response = staff_client.post(url, lesson_post(published="on", questions=questions))
    assert response.status_code == 200
    assert "no correct answer yet: “Vad gör en modell?”" in response.content.decode()
    lesson.refresh_from_db()
    assert lesson.published is False

    ChoiceFactory(question=question, correct=True)
    assert staff_client.post(url, lesson_post(published="on", questions=questions)).status_code == 302
    lesson.refresh_from_db()
    assert lesson.published is True


def test_a_new_question_cannot_be_published_before_it_has_answers(staff_client):
    questions = [{"position": 1, "text_sv": "Ny fråga?"}]
    response = staff_client.post(reverse("admin:courses_lesson_add"), lesson_post(published="on", questions=questions))
    assert response.status_code == 200
    assert "no correct answer yet: “Ny fråga?”" in response.content.decode()
    response = staff_client.post(reverse("admin:courses_lesson_add"), lesson_post(questions=questions))
    assert response.status_code == 302
    assert Lesson.objects.get(position=7).questions.get().text_sv == "Ny fråga?"


def test_the_last_correct_answer_of_a_published_lesson_is_kept(staff_client):
    lesson = CheckedLessonFactory(questions=1)
    question = lesson.questions.get()
    choices = list(question.choices.order_by("position"))
    data = {
        "lesson": lesson.pk,
        "position": question.position,
        "text_sv": question.text_sv,
        "text_en": question.text_en,
        "choices-TOTAL_FORMS": len(choices),
        "choices-INITIAL_FORMS": len(choices),
        "choices-MIN_NUM_FORMS": 0,
        "choices-MAX_NUM_FORMS": 1000,
    }
    for index, choice in enumerate(choices):
        data |= {
            f"choices-{index}-id": choice.pk,
            f"choices-{index}-question": question.pk,
            f"choices-{index}-position": choice.position,
            f"choices-{index}-text_sv": choice.text_sv,
        }  # "correct" left out: every box unticked
    response = staff_client.post(reverse("admin:courses_question_change", args=[question.pk]), data)
    assert response.status_code == 200
    assert "at least one answer must be correct" in response.content.decode()
    assert question.choices.filter(correct=True).exists()


def test_the_lesson_page_previews_the_text_and_links_each_questions_answers(staff_client):
    lesson = CheckedLessonFactory(body_sv="Det här är **viktigt**.\n\n<script>alert(1)</script>", body_en="")
    response = staff_client.get(reverse("admin:courses_lesson_change", args=[lesson.pk]))
    page = response.content.decode()
    assert "<strong>viktigt</strong>" in page
    assert "<script>alert(1)</script>" not in page
    assert "Empty: participants read the Swedish." in page
    question = lesson.questions.first()
    assert reverse("admin:courses_question_change", args=[question.pk]) in page
    assert "3 answers, 1 correct" in page


# --- Images ------------------------------------------------------------------------------------------------


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "navy").save(buffer, format="PNG")
    return buffer.getvalue()


def test_an_uploaded_image_is_checked_and_gives_its_markdown(staff_client):
    upload = SimpleUploadedFile("diagram.jpg", png_bytes(), content_type="image/jpeg")
    response = staff_client.post(
        reverse("admin:courses_lessonimage_add"), {"image": upload, "description": "Ett [flödes]schema"}
    )
    assert response.status_code == 302
    image = LessonImage.objects.get()
    assert image.content_type == "image/png" and image.image.name.endswith(".png")
    page = staff_client.get(reverse("admin:courses_lessonimage_changelist")).content.decode()
    assert f"![Ett flödesschema](/course/images/{image.uuid}/)" in page


def test_a_file_that_is_not_an_image_is_refused_next_to_the_field(staff_client):
    upload = SimpleUploadedFile("diagram.png", b"%PDF-1.4 not an image", content_type="image/png")
    response = staff_client.post(reverse("admin:courses_lessonimage_add"), {"image": upload, "description": "Schema"})
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["image"] == ["This file is not a PNG, JPEG or WebP image."]
    assert not LessonImage.objects.exists()


# --- Participants: the list, the CSV, mapping an organisation -----------------------------------------------


@pytest.fixture
def participants(db):
    # Loaded by the migration (courses/data/public_bodies.json).
    malmo = PublicBody.objects.get(kind=BodyKind.MUNICIPALITY, code="1280")
    skane = PublicBody.objects.get(kind=BodyKind.REGION, code="12")
    listed = ParticipantFactory(
        user=UserFactory(first_name="Anna", last_name="Berg", email="anna@malmo.se"),
        public_body=malmo,
        title="Enhetschef",
        role=LeaderRole.MANAGER,
    )
    ParticipantFactory(
        user=UserFactory(first_name="Bo", last_name="Ek", email="bo@skane.se"),
        public_body=skane,
        role=LeaderRole.POLITICIAN,
    )
    typed = ParticipantFactory(
        user=UserFactory(first_name="Cim", last_name="Dahl", email="cim@example.se"),
        public_body=None,
        other_organisation='=HYPERLINK("http://evil")',
        title="+Chef",
        role=LeaderRole.OTHER,
    )
    return {"listed": listed, "typed": typed, "malmo": malmo}


def rows_of(response):
    text = b"".join(response.streaming_content if response.streaming else [response.content]).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_the_participant_list_filters_by_kind_role_and_completion(staff_client, participants):
    url = reverse("admin:courses_participant_changelist")
    assert staff_client.get(url, {"kind": "other"}).context["cl"].result_list[0] == participants["typed"]
    assert staff_client.get(url, {"kind": "region"}).context["cl"].result_count == 1
    assert staff_client.get(url, {"role__exact": "manager"}).context["cl"].result_count == 1
    assert staff_client.get(url, {"completed": "yes"}).context["cl"].result_count == 0
    page = staff_client.get(url, {"q": "cim@example.se"}).content.decode()
    assert "Other: =HYPERLINK" in page
    assert reverse("admin:courses_participant_export") in page


def test_the_csv_lists_who_signed_up_from_where_formula_safe(staff_client, participants):
    response = staff_client.get(reverse("admin:courses_participant_export"), {"o": "1"})
    assert response["Content-Type"].startswith("text/csv")
    header, *rows = rows_of(response)
    assert header == [
        "name",
        "email",
        "title",
        "role",
        "organisation",
        "kind",
        "code",
        "county code",
        "joined",
        "self-study completed",
    ]
    by_email = {row[1]: row for row in rows}
    assert by_email["anna@malmo.se"][:8] == [
        "Anna Berg",
        "anna@malmo.se",
        "Enhetschef",
        "Manager",
        "Malmö",
        "Municipality",
        "1280",
        "12",
    ]
    typed = by_email["cim@example.se"]
    assert typed[2] == "'+Chef"
    assert typed[4] == '\'=HYPERLINK("http://evil")'
    assert typed[5:8] == ["Other public organisation", "", ""]


def test_the_csv_follows_the_lists_filters(staff_client, participants):
    response = staff_client.get(reverse("admin:courses_participant_export"), {"kind": "municipality"})
    assert [row[1] for row in rows_of(response)[1:]] == ["anna@malmo.se"]


def test_the_csv_needs_export_participants(client, participants):
    # Staff with the second factor and every model permission on participants, but not the export.
    reader = CourseManagerFactory(email="reader@ai.se")
    reader.groups.clear()
    reader.user_permissions.set(Permission.objects.filter(codename__in=["view_participant", "change_participant"]))
    client.force_login(reader)
    assert client.get(reverse("admin:courses_participant_export")).status_code == 403
    page = client.get(reverse("admin:courses_participant_changelist")).content.decode()
    assert reverse("admin:courses_participant_export") not in page


def participant_post(public_body):
    return {
        "public_body": public_body.pk if public_body else "",
        "progress-TOTAL_FORMS": 0,
        "progress-INITIAL_FORMS": 0,
        "progress-MIN_NUM_FORMS": 0,
        "progress-MAX_NUM_FORMS": 1000,
    }


def test_mapping_an_other_organisation_to_a_listed_body_clears_the_typed_name(
    staff_client, course_manager, participants
):
    typed, malmo = participants["typed"], participants["malmo"]
    url = reverse("admin:courses_participant_change", args=[typed.pk])
    response = staff_client.post(url, participant_post(malmo))
    assert response.status_code == 302
    typed.refresh_from_db()
    assert (typed.public_body, typed.other_organisation) == (malmo, "")
    entry = ActivityEntry.objects.get(action="participant.organisation_mapped")
    assert (entry.actor, entry.to_state, entry.note) == (course_manager, "Malmö", '=HYPERLINK("http://evil")')


def test_a_listed_participant_keeps_an_organisation(staff_client, participants):
    listed = participants["listed"]
    response = staff_client.post(reverse("admin:courses_participant_change", args=[listed.pk]), participant_post(None))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["public_body"] == [
        "Choose the public body this participant works for."
    ]
    listed.refresh_from_db()
    assert listed.public_body == participants["malmo"]


def test_a_garbage_public_body_is_a_form_error_not_a_500(staff_client, participants):
    url = reverse("admin:courses_participant_change", args=[participants["typed"].pk])
    response = staff_client.post(url, {**participant_post(None), "public_body": "not-a-key"})
    assert response.status_code == 200
    assert "public_body" in response.context["adminform"].form.errors


def test_the_organisation_field_finds_public_bodies_by_name(staff_client, participants):
    response = staff_client.get(
        reverse("admin:autocomplete"),
        {"term": "Malm", "app_label": "courses", "model_name": "participant", "field_name": "public_body"},
    )
    assert response.status_code == 200
    assert "Malmö" in [result["text"] for result in response.json()["results"]]


def test_public_bodies_are_read_only_with_their_participant_count(staff_client, participants):
    url = reverse("admin:courses_publicbody_changelist")
    response = staff_client.get(url, {"kind__exact": "municipality", "county_code__exact": "12"})
    counts = {body.name: body.participant_count for body in response.context["cl"].result_list}
    assert (counts["Malmö"], counts["Lund"]) == (1, 0)
    assert {body.kind for body in response.context["cl"].result_list} == {BodyKind.MUNICIPALITY}
    assert [body.name for body in staff_client.get(url, {"q": "1280"}).context["cl"].result_list] == ["Malmö"]
    change = reverse("admin:courses_publicbody_change", args=[participants["malmo"].pk])
    assert staff_client.get(change).status_code == 200
    staff_client.post(change, {"name": "Renamed"})
    participants["malmo"].refresh_from_db()
    assert participants["malmo"].name == "Malmö"


# --- Fixed query counts on the list pages ---------------------------------------------------------------------


def make_rows(count):
    for _ in range(count):
        lesson = CheckedLessonFactory(questions=2)
        progress = LessonProgressFactory(lesson=lesson)
        ParticipantFactory(public_body=None, other_organisation="Statens AI-verk", user=UserFactory())
        LessonImage.objects.create(image="lesson-images/x.png", content_type="image/png", description="Bild")
        assert progress.participant.public_body


LISTS = [
    "admin:courses_lesson_changelist",
    "admin:courses_question_changelist",
    "admin:courses_lessonimage_changelist",
    "admin:courses_participant_changelist",
    "admin:courses_publicbody_changelist",
]


@pytest.mark.parametrize("name", LISTS)
def test_each_list_page_issues_a_fixed_number_of_queries(staff_client, name):
    make_rows(2)
    staff_client.get(reverse(name))  # warms the per-process caches (content types)
    person_loaded_afresh()
    with CaptureQueriesContext(connection) as small:
        assert staff_client.get(reverse(name)).status_code == 200
    make_rows(8)
    person_loaded_afresh()
    with CaptureQueriesContext(connection) as large:
        assert staff_client.get(reverse(name)).status_code == 200
    assert len(large) == len(small), name
    assert len(small) <= 12, [query["sql"] for query in small]

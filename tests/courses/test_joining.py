"""/course/join/: sign up with a verified address, then give name, title, role and organisation."""

import re
import threading

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse

from courses.bodies import ensure_public_bodies
from courses.choices import BodyKind, LeaderRole
from courses.forms import swedish_sort_key
from courses.models import Participant, PublicBody
from courses.services.participants import join_course
from eyeforai.accounts.choices import Role
from eyeforai.accounts.signup import SESSION_KEY
from eyeforai.mail.models import OutboundEmail
from talents.models import TalentProfile
from tests.conftest_helpers import person_loaded_afresh
from tests.courses.factories import ParticipantFactory, PublicBodyFactory
from tests.factories import PASSWORD as FACTORY_PASSWORD
from tests.factories import UserFactory
from tests.mailbox import delivered_text

pytestmark = pytest.mark.django_db

URL = "/course/join/"
PASSWORD = "A long enough pass 42"


@pytest.fixture
def bodies(db):
    return {
        "Ale": PublicBodyFactory(kind=BodyKind.MUNICIPALITY, name="Ale", code="1440", county_code="14"),
        "Örebro": PublicBodyFactory(kind=BodyKind.MUNICIPALITY, name="Örebro", code="1880", county_code="18"),
        "Åre": PublicBodyFactory(kind=BodyKind.MUNICIPALITY, name="Åre", code="2321", county_code="23"),
        "Region Skåne": PublicBodyFactory(kind=BodyKind.REGION, name="Region Skåne", code="12", county_code="12"),
        "Skatteverket": PublicBodyFactory(kind=BodyKind.AGENCY, name="Skatteverket", code="", county_code=""),
    }


@pytest.fixture
def newcomer(db):
    """Signed up from the course and verified, not joined yet: no role."""
    return UserFactory(email="leader@kommun.example.se", first_name="", last_name="")


def form_data(**changes):
    data = {
        "first_name": "Maria",
        "last_name": "Lind",
        "title": "Kommundirektör",
        "role": LeaderRole.MANAGER,
        "public_body": "",
        "other_organisation": "",
    }
    return {**data, **changes}


def test_the_whole_journey_from_sign_up_to_the_course(client, bodies):
    # Anonymous: sent to sign up, and back here afterwards.
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_signup')}?next=%2Fcourse%2Fjoin%2F"

    email = "maria.lind@ale.example.se"
    client.post(response["Location"], {"email": email, "password1": PASSWORD, "password2": PASSWORD, "next": URL})
    user = Participant._meta.get_field("user").related_model.objects.get(email=email)
    # Signed up from the course: not a talent applying, and no role until they join.
    assert not TalentProfile.objects.filter(user=user).exists()
    assert user.role == ""

    confirmation = OutboundEmail.objects.get(to=email, template__startswith="account/")
    confirm_path = re.search(r"https?://[^/\s]+(/accounts/confirm-email/[^/\s]+/)", delivered_text(confirmation)).group(
        1
    )
    response = client.post(confirm_path)
    assert response.status_code == 302
    assert response["Location"] == URL

    html = client.get(URL).content.decode()
    assert "<h1>Join the course</h1>" in html
    assert '<optgroup label="Municipalities">' in html

    response = client.post(URL, form_data(public_body=str(bodies["Ale"].uuid)))
    assert response.status_code == 302
    assert response["Location"] == reverse("courses:overview")

    participant = Participant.objects.select_related("user", "public_body").get()
    assert participant.user == user
    assert (participant.user.first_name, participant.user.last_name) == ("Maria", "Lind")
    assert (participant.title, participant.role) == ("Kommundirektör", LeaderRole.MANAGER)
    assert participant.public_body == bodies["Ale"] and participant.other_organisation == ""
    assert participant.user.role == Role.COURSE_PARTICIPANT
    assert not TalentProfile.objects.filter(user=user).exists()
    assert OutboundEmail.objects.filter(to=email, template="courses/welcome").count() == 1

    # Opening the join page again leads on to the course.
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"] == reverse("courses:overview")

    # Signing in later, on another device: straight to the course.
    client.logout()
    response = client.post(reverse("account_login"), {"login": email, "password": PASSWORD})
    assert response["Location"] == reverse("courses:overview")


def test_a_course_sign_up_that_has_not_joined_lands_on_the_join_page_after_signing_in(client, newcomer):
    # The session a sign-up from the course left (portal/allauth_adapter.py marks it when `next` is this page).
    session = client.session
    session[SESSION_KEY] = Role.COURSE_PARTICIPANT.value
    session.save()
    response = client.post(reverse("account_login"), {"login": newcomer.email, "password": FACTORY_PASSWORD})
    assert response["Location"] == URL


def test_an_ordinary_sign_in_without_a_role_is_not_sent_to_the_course(client, newcomer):
    response = client.post(reverse("account_login"), {"login": newcomer.email, "password": FACTORY_PASSWORD})
    assert response["Location"] == reverse("portal:home")


def test_an_unverified_address_must_be_verified_first(client, bodies):
    user = UserFactory(verified=False)
    client.force_login(user)
    response = client.get(URL)
    assert response.status_code == 200
    assert "account/verified_email_required.html" in [template.name for template in response.templates]
    client.post(URL, form_data(public_body=str(bodies["Ale"].uuid)))
    assert not Participant.objects.exists()


@pytest.mark.parametrize("role", ["talent", "host_member"])
def test_a_talent_or_host_member_is_told_why_they_cannot_join(client, request, bodies, role):
    user = request.getfixturevalue(role)
    client.force_login(user)
    response = client.get(URL)
    assert response.status_code == 409
    html = response.content.decode()
    assert "You cannot join with this account" in html
    assert "one account holds one role in the portal" in html
    assert "sign up with another email address" in html
    response = client.post(URL, form_data(public_body=str(bodies["Ale"].uuid)))
    assert response.status_code == 409
    assert not Participant.objects.exists()
    user.refresh_from_db()
    assert user.role != Role.COURSE_PARTICIPANT


def test_a_participant_opening_the_join_page_goes_to_the_course(client):
    participant = ParticipantFactory()
    client.force_login(participant.user)
    for response in (client.get(URL), client.post(URL, form_data(other_organisation="Another"))):
        assert response.status_code == 302 and response["Location"] == reverse("courses:overview")
    assert Participant.objects.count() == 1


def test_another_public_organisation_can_be_named(client, newcomer, bodies):
    client.force_login(newcomer)
    response = client.post(
        URL, form_data(other_organisation="  Kommunalförbundet   Sydarkiv ", role=LeaderRole.POLITICIAN)
    )
    assert response.status_code == 302
    participant = Participant.objects.get()
    assert participant.public_body is None
    assert participant.other_organisation == "Kommunalförbundet Sydarkiv"
    assert participant.role == LeaderRole.POLITICIAN


def test_the_organisation_list_is_grouped_and_in_swedish_order(client, newcomer, bodies):
    client.force_login(newcomer)
    html = client.get(URL).content.decode()
    groups = re.findall(r'<optgroup label="([^"]+)">(.*?)</optgroup>', html, re.S)
    assert [label for label, _ in groups] == ["Municipalities", "Regions", "Government agencies"]
    # The list holds every body of the data migration too: ours keep their places among them.
    municipalities = [name for name in re.findall(r">([^<]+)</option>", groups[0][1]) if name in bodies]
    assert municipalities == ["Ale", "Åre", "Örebro"]
    assert "Skatteverket" in re.findall(r">([^<]+)</option>", groups[2][1])
    assert "Region Skåne" in re.findall(r">([^<]+)</option>", groups[1][1])
    assert sorted(["Östersund", "Ystad", "Älvdalen", "Åre", "Arboga"], key=swedish_sort_key) == [
        "Arboga",
        "Ystad",
        "Åre",
        "Älvdalen",
        "Östersund",
    ]


def test_the_form_is_labelled_and_its_hints_are_tied_to_the_fields(client, newcomer, bodies):
    client.force_login(newcomer)
    html = client.get(URL).content.decode()
    assert re.search(r"<fieldset>\s*<legend>Your organisation", html)
    assert '<label for="id_public_body">From the list' in html
    assert re.search(r'<select name="public_body"[^>]*aria-describedby="id_public_body_helptext"', html)
    assert 'id="id_public_body_helptext"' in html
    assert '<legend>Your role <span class="required">(required)</span></legend>' in html
    for label in ["Elected politician", "Manager", "Other leader", "Other"]:
        assert re.search(rf">\s*{label}</label>", html)


def test_the_join_page_reads_the_organisations_in_one_query(client, newcomer, django_assert_num_queries):
    client.force_login(newcomer)
    PublicBodyFactory.create_batch(3)
    # The session, the user (with the rows of their roles), a verified address?, the bodies.
    person_loaded_afresh()
    with django_assert_num_queries(4):
        client.get(URL)
    PublicBodyFactory.create_batch(40)
    PublicBodyFactory.create_batch(10, kind=BodyKind.AGENCY, code="", county_code="")
    person_loaded_afresh()
    with django_assert_num_queries(4):
        client.get(URL)


def errors_of(response, field):
    html = response.content.decode()
    found = re.search(rf'<ul class="errors" id="id_{field}_error">(.*?)</ul>', html, re.S)
    assert found, f"no error next to {field}"
    assert re.search(rf'name="{field}"[^>]*aria-describedby="[^"]*id_{field}_error', html) or field == "role"
    return re.sub(r"<[^>]+>", "", found.group(1))


def test_no_organisation_is_refused_next_to_the_list(client, newcomer, bodies):
    client.force_login(newcomer)
    response = client.post(URL, form_data())
    assert response.status_code == 200
    assert "Choose your organisation from the list" in errors_of(response, "public_body")
    assert not Participant.objects.exists()


def test_a_listed_and_a_named_organisation_together_are_refused(client, newcomer, bodies):
    client.force_login(newcomer)
    response = client.post(URL, form_data(public_body=str(bodies["Ale"].uuid), other_organisation="Something"))
    assert response.status_code == 200
    assert "leave this field empty" in errors_of(response, "other_organisation")
    assert not Participant.objects.exists()


@pytest.mark.parametrize("value", ["00000000-0000-0000-0000-000000000000", "not-a-uuid", "'; drop table x;--"])
def test_an_unknown_organisation_is_refused(client, newcomer, bodies, value):
    client.force_login(newcomer)
    response = client.post(URL, form_data(public_body=value))
    assert response.status_code == 200
    assert "Select a valid choice" in errors_of(response, "public_body")
    assert not Participant.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("first_name", "Maria\x07", "Remove the control characters from this field."),
        ("last_name", "Li\x1bnd", "Remove the control characters from this field."),
        ("title", "Chef\x00", "Null characters are not allowed."),
        ("other_organisation", "Kommun\x7f", "Remove the control characters from this field."),
        ("first_name", "", "This field is required."),
        ("title", "x" * 151, "Ensure this value has at most 150 characters"),
    ],
)
def test_bad_names_get_a_message_next_to_the_field(client, newcomer, field, value, message):
    client.force_login(newcomer)
    response = client.post(URL, form_data(**{"other_organisation": "Kommunalförbund", field: value}))
    assert response.status_code == 200
    assert message in errors_of(response, field)
    assert not Participant.objects.exists()


def test_an_unknown_role_is_refused(client, newcomer):
    client.force_login(newcomer)
    response = client.post(URL, form_data(role="mayor", other_organisation="X"))
    assert response.status_code == 200
    assert "Select a valid choice" in errors_of(response, "role")


def test_line_breaks_and_tabs_in_a_name_are_folded_into_spaces(client, newcomer):
    client.force_login(newcomer)
    client.post(URL, form_data(first_name="Anna\tKarin\r\n", other_organisation="X"))
    newcomer.refresh_from_db()
    assert newcomer.first_name == "Anna Karin"


def test_a_sign_up_sent_from_the_course_makes_no_talent_profile(client, bodies):
    """/course/join/ sends a visitor to sign up with itself as `next`, which the sign-up form posts back:
    the adapter marks the account as the course's and the talents app leaves it alone."""
    signup = client.get(URL)["Location"]
    client.post(signup, {"email": "x@region.example.se", "password1": PASSWORD, "password2": PASSWORD, "next": URL})
    assert not TalentProfile.objects.exists()
    assert PublicBody.objects.count() >= 5


def test_a_visit_to_the_course_sign_up_does_not_stop_a_later_application(client):
    """Opening /course/join/ writes nothing; an ordinary "Apply" sign-up afterwards makes a talent."""
    client.get(reverse("courses:join"))
    client.post(
        reverse("account_signup"),
        {"email": "ines@example.org", "password1": FACTORY_PASSWORD, "password2": FACTORY_PASSWORD},
    )
    user = get_user_model().objects.get(email="ines@example.org")
    assert TalentProfile.objects.filter(user=user).exists()


def test_staff_are_told_their_account_is_not_a_leaders(client, manager):
    client.force_login(manager)
    response = client.get(reverse("courses:join"))
    assert response.status_code == 409
    assert not Participant.objects.filter(user=manager).exists()


@pytest.mark.django_db(transaction=True)
def test_the_same_form_posted_twice_at_once_joins_once_and_fails_neither():
    ensure_public_bodies()
    user = UserFactory(email="twice@example.org")
    body = PublicBody.objects.get(kind="municipality", name="Sundsvall")
    outcomes = []

    def join():
        try:
            join_course(
                user, first_name="Tove", last_name="Ek", title="Chef", role="manager", public_body=body,
                other_organisation="", by=user,
            )  # fmt: skip
            outcomes.append("created")
        except ValidationError as error:
            outcomes.append(error.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=join) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["created", "joined"]  # the second waited for the first's lock, then was told
    assert Participant.objects.filter(user=user).count() == 1

import re

import pytest
from django.urls import reverse

from eyeforai.mail.models import OutboundEmail
from talents.access import is_talent
from talents.models import TalentProfile
from tests.factories import PASSWORD, SkillFactory, UserFactory
from tests.mailbox import delivered_text


def test_signing_up_makes_a_talent_after_verification(client, db):
    response = client.post(
        reverse("account_signup"), {"email": "new@example.org", "password1": PASSWORD, "password2": PASSWORD}
    )
    assert response.status_code == 302
    profile = TalentProfile.objects.get(user__email="new@example.org")
    assert is_talent(profile.user)
    email = OutboundEmail.objects.get(to="new@example.org")
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", delivered_text(email)).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]
    client.post("/" + path)
    assert client.get(reverse("talents:profile")).status_code == 200


def test_a_user_without_a_talent_profile_is_not_a_talent(client, db):
    user = UserFactory()
    client.force_login(user)
    assert client.get(reverse("portal:talent_dashboard")).status_code == 404


def test_saving_the_profile_stores_names_skills_and_links(client, talent):
    skills = [SkillFactory(name="Computer vision"), SkillFactory(name="MLOps")]
    client.force_login(talent)
    response = client.post(
        reverse("talents:profile"),
        {
            "first_name": "  amara ",
            "last_name": "Okafor",
            "nationality": "nigerian",
            "country_of_residence": "Sweden",
            "degree": "phd",
            "degree_field": "Biomedical engineering",
            "university": "University of Lagos",
            "graduation_year": "2024",
            "skills": [skill.pk for skill in skills],
            "bio": "I like hard problems.",
            "linkedin_url": "https://www.linkedin.com/in/amara-demo",
            "github_url": "github.com/amara-demo",
            "website_url": "",
        },
    )
    assert response.status_code == 302
    profile = TalentProfile.objects.get(user=talent)
    assert profile.user.first_name == "Amara"
    assert profile.nationality == "Nigerian"
    assert profile.degree == "phd"
    assert profile.github_url == "https://github.com/amara-demo"
    assert set(profile.skills.values_list("name", flat=True)) == {"Computer vision", "MLOps"}


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("linkedin_url", "https://evil.example.org/in/amara", "LinkedIn profile"),
        ("linkedin_url", "not a url at all", "Enter a valid URL"),
        ("graduation_year", "1850", "Enter the year you graduated"),
        ("first_name", "", "This field is required"),
    ],
)
def test_bad_profile_input_is_refused_next_to_the_field(client, talent, field, value, message):
    client.force_login(talent)
    data = {"first_name": "Amara", "last_name": "Okafor", "graduation_year": "2024", field: value}
    response = client.post(reverse("talents:profile"), data)
    assert response.status_code == 200
    assert f'id="id_{field}_error"' in response.text
    assert message in response.text
    profile = TalentProfile.objects.get(user=talent)
    assert profile.university == "University of Lagos"  # unchanged

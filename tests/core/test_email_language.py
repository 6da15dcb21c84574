"""Every email in its recipient's language (issue 16), whoever caused it and whatever language they read.

Real rendering throughout: the services queue the emails as in production, and each is compared with the
catalogue's own words for the recipient's language (`in_language`), which holds before and after the
Swedish catalogue is complete; where two people get the same email in different languages, their
emails must differ.
"""

from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext

from eyeforai.mail.models import OutboundEmail
from hosts.services.interests import record_interest
from hosts.services.invitations import invite_member
from rotations.services.placements import confirm_placement
from rotations.services.preferences import ranking_gaps, send_preference_reminders
from rotations.services.ranking_reminders import remind_rankings, talent_rule
from talents.choices import ApplicationStatus
from talents.services.applications import move_application
from tests.factories import (
    ApplicationFactory,
    HostInterestFactory,
    HostMembershipFactory,
    OutboundEmailFactory,
    UserFactory,
)
from tests.mailbox import delivered
from tests.rotations.fixtures import accept, accepted_talent, place

pytestmark = pytest.mark.django_db

EN, SV = "en", "sv"
PREFIX = settings.EMAIL_SUBJECT_PREFIX


def in_language(language, msgid, **values):
    """What the catalogue says for `msgid` in `language`, with the values put in."""
    with translation.override(language):
        text = gettext(msgid)
    return text % values if values else text


def speaks(user, language):
    user.language = language
    user.save(update_fields=["language"])
    return user


def email_to(address, **filters):
    return OutboundEmail.objects.get(to=address, **filters)


# --- One action, two languages ---------------------------------------------------------------------


def test_confirming_a_placement_writes_to_each_person_in_their_own_language(
    talent, host_member, manager, rotation_cohort, hosts_with_projects
):
    speaks(talent, EN)
    speaks(host_member, SV)
    colleague = speaks(UserFactory(email="colleague@hospital.example.org", first_name="Nils"), EN)
    HostMembershipFactory(user=colleague, organization=hosts_with_projects[0].organization)
    profile = accept(talent, rotation_cohort)
    placement = place(profile, hosts_with_projects[0], 3)

    with translation.override(SV):  # the manager reads the portal in Swedish
        confirm_placement(placement, by=manager)

    to_talent = email_to(talent.email)
    swedish, english = email_to(host_member.email), email_to(colleague.email)
    assert (to_talent.language, swedish.language, english.language) == (EN, SV, EN)
    host = hosts_with_projects[0].organization.name
    assert to_talent.subject == PREFIX + f"Your period 3 placement: {host}"
    # The two members get the same email, each in their language.
    subject = "%(talent)s joins you for a six-month placement"
    assert english.subject == PREFIX + subject % {"talent": "Amara Okafor"}
    assert swedish.subject == PREFIX + in_language(SV, subject, talent="Amara Okafor")
    assert swedish.subject != english.subject
    line = "Their profile, contact details and CV are on your talents page:"
    assert line in english.body_text and line not in swedish.body_text
    assert in_language(SV, line) in swedish.body_text
    assert in_language(SV, "Hello %(name)s,", name="Elin") in swedish.body_text
    assert "Hello Nils," in english.body_text
    # The HTML part says its language too.
    assert '<html lang="sv">' in swedish.body_html and '<html lang="en">' in english.body_html


def test_a_manager_reading_swedish_moves_applications_each_talent_reads_in_their_language(
    talent, other_talent, manager, talent_application
):
    speaks(talent, EN)
    speaks(other_talent, SV)
    other_application = ApplicationFactory(talent=other_talent.talent_profile, cohort=talent_application.cohort)
    cohort = talent_application.cohort.name

    translation.activate(SV)
    try:
        for application in (talent_application, other_application):
            move_application(application, to=ApplicationStatus.UNDER_REVIEW, by=manager, note="Vi hörs snart.")
    finally:
        translation.activate(settings.LANGUAGE_CODE)

    english, swedish = email_to(talent.email), email_to(other_talent.email)
    assert (english.language, swedish.language) == (EN, SV)
    subject = "Your application to %(cohort)s is being reviewed"
    assert english.subject == PREFIX + subject % {"cohort": cohort}
    assert swedish.subject == PREFIX + in_language(SV, subject, cohort=cohort)
    assert swedish.subject != english.subject
    line = "There is nothing you need to do now. We will write to you again when we know more."
    assert line in english.body_text and in_language(SV, line) in swedish.body_text
    assert in_language(SV, "A personal note from the programme team:") in swedish.body_text
    assert "A personal note from the programme team:\nVi hörs snart." in english.body_text


def test_a_talent_who_chose_english_gets_english_from_a_manager_who_reads_swedish(
    client, talent, manager, talent_application
):
    """Through the admin, as it happens: the manager's stored language makes the admin Swedish; the
    confirmation's preview and the email queued are both the English the talent reads."""
    speaks(talent, EN)
    speaks(manager, SV)
    client.force_login(manager)
    url = reverse("admin:talents_application_stage", args=[talent_application.pk, ApplicationStatus.INTERVIEW])

    response = client.get(url)
    assert response.headers["Content-Language"] == SV
    preview = next(context for context in response.context if "recipient" in context)  # the page's own
    subject = PREFIX + "We would like to meet you: Eye for AI interview"
    assert preview["subject"] == subject
    assert subject in response.content.decode()
    client.post(url, {"seen": ApplicationStatus.SUBMITTED, "note": "", "_confirm": "1"})

    email = email_to(talent.email, template="talents/application_interview")
    assert email.language == EN
    assert email.subject == subject
    assert email.body_text == preview["body_text"]


def test_the_stage_emails_preview_is_in_the_talents_language_not_the_managers(
    client, other_talent, manager, talent_application
):
    speaks(other_talent, SV)
    speaks(manager, EN)
    application = ApplicationFactory(talent=other_talent.talent_profile, cohort=talent_application.cohort)
    client.force_login(manager)
    url = reverse("admin:talents_application_stage", args=[application.pk, ApplicationStatus.INTERVIEW])

    response = client.get(url)
    assert response.headers["Content-Language"] == EN
    preview = next(context for context in response.context if "recipient" in context)
    msgid = "We would like to meet you: Eye for AI interview"
    assert preview["subject"] == PREFIX + in_language(SV, msgid) != PREFIX + msgid
    client.post(url, {"seen": ApplicationStatus.SUBMITTED, "note": "", "_confirm": "1"})

    email = email_to(other_talent.email, template="talents/application_interview")
    assert (email.language, email.subject, email.body_text) == (SV, preview["subject"], preview["body_text"])


# --- Invitations: nobody's account yet ---------------------------------------------------------------


def test_an_invitation_from_a_swedish_speaking_member_to_a_new_address_is_swedish(
    client, host_member, host_organization
):
    speaks(host_member, SV)
    client.force_login(host_member)
    address = "ny.kollega@hospital.example.org"
    client.post(reverse("hosts_members:invite"), {"email": address}, HTTP_ACCEPT_LANGUAGE="en")

    email = email_to(address)
    assert email.language == SV
    subject = "You are invited to join %(organization)s"
    assert email.subject == PREFIX + in_language(SV, subject, organization=host_organization.name)
    assert email.subject != PREFIX + subject % {"organization": host_organization.name}
    body = delivered(email).body  # the body carries the link, so only the delivered message shows it
    assert in_language(SV, "Accept the invitation") in body


def test_an_invitation_to_an_account_with_a_language_follows_the_account(host_member, host_organization):
    speaks(UserFactory(email="anna@hospital.example.org"), EN)
    with translation.override(SV):
        invite_member(host_organization, "anna@hospital.example.org", by=host_member)
    email = email_to("anna@hospital.example.org")
    assert email.language == EN
    assert email.subject == PREFIX + f"You are invited to join {host_organization.name}"


def test_the_interest_auto_reply_speaks_the_forms_language_and_the_team_note_the_default(open_cohort):
    with translation.override(SV):
        record_interest(HostInterestFactory.build(email="kontakt@example.se", cohort=open_cohort))
    reply = email_to("kontakt@example.se")
    note = email_to(settings.PROGRAMME_TEAM_EMAIL)
    assert (reply.language, note.language) == (SV, settings.LANGUAGE_CODE)
    assert reply.subject == PREFIX + in_language(SV, "Thank you for your interest in hosting talents")
    assert note.subject.startswith(PREFIX + "New host interest: ")


# --- Text the caller used to translate or format -------------------------------------------------------


def test_the_ranking_reminders_rule_is_in_each_talents_language_not_the_managers(
    manager, matching_cohort, matching_projects
):
    english, swedish = accepted_talent(matching_cohort, 1), accepted_talent(matching_cohort, 2)
    speaks(english.user, EN)
    speaks(swedish.user, SV)

    with translation.override(SV):
        remind_rankings(matching_cohort, by=manager)

    minimum = ranking_gaps(matching_cohort).minimum
    rules = {}
    for language in (EN, SV):
        with translation.override(language):
            rules[language] = talent_rule(minimum, matching_cohort.preference_deadline)
    to_english, to_swedish = email_to(english.user.email), email_to(swedish.user.email)
    assert (to_english.language, to_swedish.language) == (EN, SV)
    assert rules[EN] in to_english.body_text and rules[EN] in to_english.body_html
    assert rules[SV] in to_swedish.body_text
    assert rules[SV] != rules[EN] and rules[EN] not in to_swedish.body_text


def test_the_preference_deadline_is_written_in_each_recipients_date_format(
    matching_cohort, matching_projects, time_machine
):
    english, swedish = accepted_talent(matching_cohort, 1), accepted_talent(matching_cohort, 2)
    speaks(english.user, EN)
    speaks(swedish.user, SV)
    time_machine.move_to(matching_cohort.preference_deadline - timedelta(days=2), tick=False)

    with translation.override(SV):  # whatever the beat's worker happens to have active
        send_preference_reminders()

    deadline = timezone.localtime(matching_cohort.preference_deadline)
    dates = {}
    for language in (EN, SV):
        with translation.override(language):
            dates[language] = formats.date_format(deadline, "DATETIME_FORMAT")
    assert dates[EN] != dates[SV]
    assert dates[EN] in email_to(english.user.email).body_text
    assert dates[SV] in email_to(swedish.user.email).body_text
    assert dates[SV] not in email_to(english.user.email).body_text


# --- allauth ---------------------------------------------------------------------------------------------


def test_a_password_reset_asked_from_an_english_browser_is_in_the_accounts_swedish(client, talent):
    speaks(talent, SV)
    client.post(reverse("account_reset_password"), {"email": talent.email}, HTTP_ACCEPT_LANGUAGE="en")

    email = email_to(talent.email, template="account/password_reset_key")
    assert email.language == SV
    assert email.subject == PREFIX + in_language(SV, "Reset your password")
    assert email.subject != PREFIX + "Reset your password"
    body = delivered(email).body
    line = "If you did not ask for this, ignore this email: your password stays as it is."
    assert in_language(SV, line) in body and line not in body


def test_a_password_reset_for_an_english_account_from_a_swedish_browser_is_english(client, talent):
    speaks(talent, EN)
    client.post(reverse("account_reset_password"), {"email": talent.email}, HTTP_ACCEPT_LANGUAGE="sv")
    email = email_to(talent.email, template="account/password_reset_key")
    assert (email.language, email.subject) == (EN, PREFIX + "Reset your password")


# --- The outbox shows it -----------------------------------------------------------------------------------


def test_the_outbox_changelist_shows_each_emails_language(client, manager):
    OutboundEmailFactory(to="svensk@example.org", language=SV)
    OutboundEmailFactory(to="english@example.org", language=EN)
    client.force_login(manager)
    page = client.get(reverse("admin:mail_outboundemail_changelist"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "column-language" in page
    assert '<td class="field-language">Swedish</td>' in page
    assert '<td class="field-language">English</td>' in page

"""The "Your data" page: a talent or a host member downloads everything the portal holds about them,
as a zip with data.json and the talent's CVs; nothing about anyone else, in a fixed number of queries."""

import io
import json
import zipfile
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from eyeforai.activity.services import record
from hosts.services.invitations import accept_invitation
from rotations.models import Evaluation, HiringInterest, HostRanking, TalentPreference
from talents.choices import CVReader
from talents.models import CVDownload, DayLog
from tests.conftest_helpers import person_loaded_afresh
from tests.factories import (
    AbsenceFactory,
    ApplicationFactory,
    CohortFactory,
    DayLogFactory,
    InvitationFactory,
    OutboundEmailFactory,
    ProjectFactory,
    UserFactory,
    pdf_bytes,
)


def download(client):
    response = client.get(reverse("portal:download_data"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "attachment" in response["Content-Disposition"]
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def data_of(archive):
    return json.loads(archive.read("data.json"))


def test_a_talent_downloads_their_data_and_cvs_and_nothing_of_anyone_else(
    media_root, client, talent, other_talent, talent_placement
):
    profile = talent.talent_profile
    earlier = ApplicationFactory(talent=profile, cohort=CohortFactory(name="Cohort 2020"), cv__data=pdf_bytes("Mine"))
    DayLogFactory(talent=profile, cohort=talent_placement.cohort, learned="Fika vocabulary")
    AbsenceFactory(talent=profile)
    Evaluation.objects.create(
        placement=talent_placement, side="talent", author=talent, project_rating=5, support_rating=4, growth_rating=5
    )
    OutboundEmailFactory(to=talent.email, subject="Your application")
    OutboundEmailFactory(to=other_talent.email, subject="Not yours")
    ApplicationFactory(talent=other_talent.talent_profile, cohort=earlier.cohort)
    record(profile, "talentprofile.saved", by=talent)
    CVDownload.objects.create(application=earlier, reader=CVReader.PROGRAMME)
    client.force_login(talent)

    archive = download(client)

    names = set(archive.namelist())
    assert names == {"data.json", "cv/cohort-2020.pdf", f"cv/{talent_placement.cohort.slug}.pdf"}
    assert archive.read("cv/cohort-2020.pdf") == pdf_bytes("Mine")
    data = data_of(archive)
    assert data["account"]["email"] == talent.email
    assert [row["email"] for row in data["account"]["email_addresses"]] == [talent.email]
    assert {row["cohort"] for row in data["applications"]} == {"Cohort 2020", talent_placement.cohort.name}
    assert [row["learned"] for row in data["day_logs"]] == ["Fika vocabulary"]
    assert len(data["absences"]) == 1 and len(data["placements"]) == 1
    assert data["evaluations"][0]["project_rating"] == 5
    assert [row["subject"] for row in data["emails_received"]] == ["Your application"]
    assert [row["action"] for row in data["activity"]] == ["talentprofile.saved"]
    assert [(row["cohort"], row["reader"]) for row in data["cv_downloads"]] == [("Cohort 2020", "programme")]
    text = json.dumps(data)
    assert other_talent.email not in text and "Not yours" not in text
    assert '"id":' not in text and "token" not in text


def test_a_host_member_downloads_what_they_did(media_root, client, host_member, host_organization, talent_placement):
    invitation = InvitationFactory(organization=host_organization, email="joiner@vastkust.example.org")
    joiner = UserFactory(email="joiner@vastkust.example.org")
    accept_invitation(invitation, user=joiner)
    project = ProjectFactory(organization=host_organization, created_by=joiner, title="Triage with ML")
    Evaluation.objects.create(
        placement=talent_placement, side="host", author=joiner, project_rating=4, support_rating=4, growth_rating=3
    )
    HostRanking.objects.create(project=project, talent=talent_placement.talent, rank=1, ranked_by=joiner)
    HiringInterest.objects.create(
        cohort=talent_placement.cohort, talent=talent_placement.talent, host=host_organization, side="host",
        marked_by=joiner,
    )  # fmt: skip
    client.force_login(joiner)

    archive = download(client)

    assert archive.namelist() == ["data.json"]
    host = data_of(archive)["host"]
    assert [row["organization"] for row in host["memberships"]] == [host_organization.name]
    assert [row["email"] for row in host["invitations_received"]] == ["joiner@vastkust.example.org"]
    assert [row["title"] for row in host["projects_created"]] == ["Triage with ML"]
    assert len(host["rankings_given"]) == len(host["feedback_given"]) == len(host["hiring_interest_marked"]) == 1
    assert host_member.email not in json.dumps(host)


def test_a_cv_missing_from_disk_is_listed_and_the_rest_still_downloads(media_root, client, talent, talent_application):
    talent_application.cv.storage.delete(talent_application.cv.name)
    client.force_login(talent)

    archive = download(client)

    assert archive.namelist() == ["data.json"]
    assert data_of(archive)["missing_files"] == ["cv/cohort-2027.pdf"]


def add_history(profile, placement, number):
    """`number` more weeks of history: a day log, an absence, an email and an activity entry each."""
    done = DayLog.objects.filter(talent=profile).count()
    for week in range(done, done + number):
        DayLogFactory(talent=profile, cohort=placement.cohort, date=placement.starts_on + timedelta(weeks=week))
        AbsenceFactory(talent=profile)
        OutboundEmailFactory(to=profile.user.email)
        record(profile, "talentprofile.saved", by=profile.user)
    ApplicationFactory(talent=profile, cohort=CohortFactory())


@pytest.mark.parametrize("url_name", ["portal:download_data", "portal:your_data"])
def test_the_export_reads_the_same_number_of_queries_whatever_the_history(
    media_root, client, talent, talent_placement, hosts_with_projects, url_name
):
    profile = talent.talent_profile
    client.force_login(talent)

    def queries():
        person_loaded_afresh()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse(url_name))
            if response.streaming:
                b"".join(response.streaming_content)
        return len(captured)

    add_history(profile, talent_placement, 1)
    small = queries()
    add_history(profile, talent_placement, 4)
    TalentPreference.objects.create(talent=profile, project=hosts_with_projects[1], rank=1)
    assert queries() == small


def test_a_talent_sees_a_hosts_hiring_interest_in_their_export_only_once_it_is_mutual(
    media_root, client, talent, host_member, talent_placement
):
    profile, cohort, host = talent.talent_profile, talent_placement.cohort, talent_placement.host
    HiringInterest.objects.create(cohort=cohort, talent=profile, host=host, side="host", marked_by=host_member)
    client.force_login(talent)
    assert data_of(download(client))["hiring"]["interest"] == []

    HiringInterest.objects.create(cohort=cohort, talent=profile, host=host, side="talent", marked_by=talent)
    assert sorted(row["side"] for row in data_of(download(client))["hiring"]["interest"]) == ["host", "talent"]

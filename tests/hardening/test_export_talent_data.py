"""manage.py export_talent_data <email>: one talent's data as JSON, for data-subject requests."""

import json

import pytest
from django.core.management import CommandError, call_command

from rotations.models import Evaluation
from tests.factories import AbsenceFactory, DayLogFactory


def export(email, capsys):
    call_command("export_talent_data", email)
    return json.loads(capsys.readouterr().out)


def test_the_export_holds_the_talents_profile_applications_days_absences_and_placements(
    talent, talent_placement, accepted_talent, other_talent, capsys
):
    DayLogFactory(talent=accepted_talent.talent, cohort=accepted_talent.cohort, learned="Fika vocabulary")
    AbsenceFactory(talent=talent.talent_profile)
    Evaluation.objects.create(
        placement=talent_placement, side="talent", author=talent, project_rating=5, support_rating=4, growth_rating=5
    )

    data = export("TALENT@example.org", capsys)  # addresses are matched without regard to case

    assert data["account"]["email"] == "talent@example.org"
    assert data["profile"]["university"] == talent.talent_profile.university
    assert {application["status"] for application in data["applications"]} >= {"accepted"}
    assert all(application["history"] is not None for application in data["applications"])
    assert [log["learned"] for log in data["day_logs"]] == ["Fika vocabulary"]
    assert len(data["absences"]) == 1
    assert [placement["uuid"] for placement in data["placements"]] == [str(talent_placement.uuid)]
    assert data["evaluations"][0]["project_rating"] == 5
    assert set(data["hiring"]) == {"interest", "outcomes"}
    # Nothing of anyone else, and no internal numeric ids.
    text = json.dumps(data)
    assert "other.talent@example.org" not in text and other_talent.talent_profile.university not in text
    assert '"id":' not in text


def test_an_unknown_address_is_an_error(db):
    with pytest.raises(CommandError, match="No talent"):
        call_command("export_talent_data", "nobody@example.org")

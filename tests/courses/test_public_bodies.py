"""The list of Swedish public bodies loaded by courses/migrations/0002_public_bodies.py (the test database is
migrated, so the rows are there): every municipality and region with SCB's codes, and the agencies."""

import importlib
import json
from collections import Counter
from pathlib import Path

import pytest
from django.apps import apps

import courses
from courses.choices import BodyKind
from courses.models import PublicBody

pytestmark = pytest.mark.django_db

DATA = json.loads((Path(courses.__file__).parent / "data" / "public_bodies.json").read_text(encoding="utf-8"))

# SCB: municipalities per county (län), 290 in all.
MUNICIPALITIES_PER_COUNTY = {
    "01": 26, "03": 8, "04": 9, "05": 13, "06": 13, "07": 8, "08": 12, "09": 1, "10": 5, "12": 33, "13": 6,
    "14": 49, "17": 16, "18": 12, "19": 10, "20": 15, "21": 10, "22": 7, "23": 8, "24": 15, "25": 14,
}  # fmt: skip


def municipalities():
    return PublicBody.objects.filter(kind=BodyKind.MUNICIPALITY)


def regions():
    return PublicBody.objects.filter(kind=BodyKind.REGION)


def test_every_municipality_and_region_is_loaded():
    assert sum(MUNICIPALITIES_PER_COUNTY.values()) == 290
    assert municipalities().count() == 290
    assert regions().count() == 21
    assert len(DATA["municipalities"]) == 290
    assert len(DATA["regions"]) == 21


def test_municipality_codes_are_four_unique_digits_within_their_county():
    codes = list(municipalities().values_list("code", "county_code"))
    assert len({code for code, _ in codes}) == 290
    region_codes = set(regions().values_list("code", flat=True))
    for code, county_code in codes:
        assert len(code) == 4 and code.isdigit(), code
        assert county_code == code[:2], code
        assert county_code in region_codes, code


def test_municipalities_per_county_match_scb():
    assert Counter(municipalities().values_list("county_code", flat=True)) == MUNICIPALITIES_PER_COUNTY


def test_regions_carry_the_county_codes():
    rows = list(regions().values_list("code", "county_code"))
    assert sorted(code for code, _ in rows) == sorted(MUNICIPALITIES_PER_COUNTY)
    assert all(code == county_code for code, county_code in rows)
    assert regions().get(code="14").name == "Västra Götalandsregionen"
    assert regions().get(code="23").name == "Region Jämtland Härjedalen"


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("0114", "Upplands Väsby"),
        ("0180", "Stockholm"),
        ("0380", "Uppsala"),
        ("0980", "Gotland"),
        ("1280", "Malmö"),
        ("1480", "Göteborg"),
        ("1880", "Örebro"),
        ("2023", "Malung-Sälen"),
        ("2523", "Gällivare"),
        ("2580", "Luleå"),
        ("2584", "Kiruna"),
    ],
)
def test_known_municipality_codes(code, name):
    assert municipalities().get(code=code).name == name


def test_agencies_have_unique_names_and_no_code():
    names = [row["name"] for row in DATA["agencies"]]
    assert len(names) >= 100
    assert len(set(names)) == len(names)
    agencies = PublicBody.objects.filter(kind=BodyKind.AGENCY)
    assert agencies.count() == len(names)
    assert not agencies.exclude(code="", county_code="").exists()
    for name in ["Skatteverket", "Myndigheten för digital förvaltning", "Statistiska centralbyrån"]:
        assert agencies.filter(name=name).exists(), name


def test_loading_again_updates_in_place_and_adds_nothing():
    load = importlib.import_module("courses.migrations.0002_public_bodies").load
    before = PublicBody.objects.count()
    municipalities().filter(code="2584").update(name="Kiruna stad")
    load(apps, None)
    assert PublicBody.objects.count() == before
    assert municipalities().get(code="2584").name == "Kiruna"

"""The Swedish public bodies a leader can pick, from courses/data/public_bodies.json (its README says where
it comes from): 290 municipalities, 21 regions and the government agencies.

`load_public_bodies` is the one loader: migration 0002 runs it with the historical model, and
`ensure_public_bodies` runs it where the table can have been emptied since migrate (a test database flushed
by a transactional test; `seed_demo` after a flush).
"""

import json
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "public_bodies.json"


def read_bodies():
    """(kind, lookup, defaults) for every body in the file, in the model's field names."""
    data = json.loads(DATA.read_text(encoding="utf-8"))
    for row in data["municipalities"]:
        yield "municipality", {"code": row["code"]}, {"name": row["name"], "county_code": row["code"][:2]}
    for row in data["regions"]:
        yield "region", {"code": row["code"]}, {"name": row["name"], "county_code": row["code"]}
    for row in data["agencies"]:
        yield "agency", {"name": row["name"]}, {"code": "", "county_code": ""}


def load_public_bodies(PublicBody):
    """update_or_create for every body, in three queries: municipalities and regions by (kind, code), agencies
    by (kind, name); what is missing is created, what differs is updated, nothing is removed (a participant
    may point at a body)."""
    existing = {}
    for body in PublicBody.objects.all():
        existing[body.kind, body.name if body.kind == "agency" else body.code] = body
    missing, changed = [], []
    for kind, lookup, defaults in read_bodies():
        body = existing.get((kind, *lookup.values()))
        if body is None:
            missing.append(PublicBody(kind=kind, **lookup, **defaults))
        elif any(getattr(body, field) != value for field, value in defaults.items()):
            for field, value in defaults.items():
                setattr(body, field, value)
            changed.append(body)
    PublicBody.objects.bulk_create(missing)
    PublicBody.objects.bulk_update(changed, ["name", "code", "county_code"])


def ensure_public_bodies():
    """Load the list unless it is there: one query when it is. Asked of the list's own rows (Stockholm's
    region), not of the table: a test's factory may have made a body of its own since the flush."""
    from courses.models import PublicBody  # noqa: PLC0415 - the migration imports this module before models exist

    if not PublicBody.objects.filter(kind="region", code="01").exists():
        load_public_bodies(PublicBody)

"""PostgreSQL's own guards for the placement rules, the last line behind the service layer.

- No overlapping dates for a talent: an exclusion constraint on a daterange (needs btree_gist to
  mix `=` on the talent with `&&` on the dates).
- Never more live placements than seats: a trigger that locks the project's seat row for the
  period, as the service does, and counts.

SQLite (the quick start) has neither; there the service layer's checks are the guard.
"""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS btree_gist",
    """
    ALTER TABLE rotations_placement ADD CONSTRAINT rotations_placement_no_overlap
    EXCLUDE USING gist (talent_id WITH =, daterange(starts_on, ends_on, '[]') WITH &&)
    WHERE (status <> 'cancelled')
    """,
    """
    CREATE FUNCTION rotations_placement_within_seats() RETURNS trigger AS $$
    DECLARE
        available integer;
        taken integer;
    BEGIN
        IF NEW.status = 'cancelled' THEN
            RETURN NEW;
        END IF;
        SELECT seats INTO available FROM hosts_projectseat
            WHERE project_id = NEW.project_id AND period_id = NEW.period_id FOR UPDATE;
        SELECT count(*) INTO taken FROM rotations_placement
            WHERE project_id = NEW.project_id AND period_id = NEW.period_id
              AND status <> 'cancelled' AND id <> NEW.id;
        IF taken >= coalesce(available, 0) THEN
            RAISE EXCEPTION 'rotations_placement_within_seats: no seat left on project % in period %',
                NEW.project_id, NEW.period_id USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
    END;
    $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER rotations_placement_within_seats
    BEFORE INSERT OR UPDATE OF project_id, period_id, status ON rotations_placement
    FOR EACH ROW EXECUTE FUNCTION rotations_placement_within_seats()
    """,
]

BACKWARD = [
    "DROP TRIGGER IF EXISTS rotations_placement_within_seats ON rotations_placement",
    "DROP FUNCTION IF EXISTS rotations_placement_within_seats()",
    "ALTER TABLE rotations_placement DROP CONSTRAINT IF EXISTS rotations_placement_no_overlap",
]


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement, params=None)  # no client-side % interpolation

    return apply


class Migration(migrations.Migration):
    dependencies = [("rotations", "0001_initial")]

    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD))]

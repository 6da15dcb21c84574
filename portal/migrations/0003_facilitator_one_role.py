"""One person, one role, with the course's facilitators too (0001 says why the rule lives here).

Before a facilitator is inserted (or moved to another user), the user's row is locked and the insert
refused when they hold another role or have a talent profile, a host membership or a course
participation. The other tables already refuse a user whose role is "facilitator" (0001 and 0002 read
`accounts_user.role`).
"""

from django.db import migrations

NAME = "portal_facilitator_one_role"
FORWARD = [
    f"""
    CREATE FUNCTION {NAME}() RETURNS trigger AS $$
    DECLARE
        held varchar;
    BEGIN
        IF TG_OP = 'UPDATE' AND NEW.user_id = OLD.user_id THEN
            RETURN NEW;
        END IF;
        SELECT role INTO held FROM accounts_user WHERE id = NEW.user_id FOR UPDATE;
        IF (held <> '' AND held <> 'facilitator')
           OR EXISTS (SELECT 1 FROM talents_talentprofile WHERE user_id = NEW.user_id)
           OR EXISTS (SELECT 1 FROM hosts_hostmembership WHERE user_id = NEW.user_id)
           OR EXISTS (SELECT 1 FROM courses_participant WHERE user_id = NEW.user_id) THEN
            RAISE EXCEPTION '{NAME}: user % holds another role and cannot become facilitator', NEW.user_id
                USING ERRCODE = 'check_violation';
        END IF;
        IF held = '' THEN
            UPDATE accounts_user SET role = 'facilitator' WHERE id = NEW.user_id;
        END IF;
        RETURN NEW;
    END;
    $$ LANGUAGE plpgsql
    """,  # noqa: S608 - NAME is this module's constant, never input
    f"""
    CREATE TRIGGER {NAME} BEFORE INSERT OR UPDATE OF user_id ON courses_facilitator
    FOR EACH ROW EXECUTE FUNCTION {NAME}()
    """,
]
BACKWARD = [f"DROP TRIGGER IF EXISTS {NAME} ON courses_facilitator", f"DROP FUNCTION IF EXISTS {NAME}()"]


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement, params=None)

    return apply


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0002_course_participant_one_role"),
        ("accounts", "0008_facilitator_role"),
        ("courses", "0003_workshops"),
    ]

    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD))]

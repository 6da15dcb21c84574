"""One person, one role, with the course's participants too (0001 says why the rule lives here).

Before a course participant is inserted (or moved to another user), the user's row is locked and the
insert refused when they hold another role or have a talent profile or a host membership. Talents and
host members were already refused for a user holding another role (0001 reads `accounts_user.role`).
"""

from django.db import migrations

NAME = "portal_participant_one_role"
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
        IF (held <> '' AND held <> 'course_participant')
           OR EXISTS (SELECT 1 FROM talents_talentprofile WHERE user_id = NEW.user_id)
           OR EXISTS (SELECT 1 FROM hosts_hostmembership WHERE user_id = NEW.user_id) THEN
            RAISE EXCEPTION '{NAME}: user % holds another role and cannot become course_participant', NEW.user_id
                USING ERRCODE = 'check_violation';
        END IF;
        IF held = '' THEN
            UPDATE accounts_user SET role = 'course_participant' WHERE id = NEW.user_id;
        END IF;
        RETURN NEW;
    END;
    $$ LANGUAGE plpgsql
    """,  # noqa: S608 - NAME is this module's constant, never input
    f"""
    CREATE TRIGGER {NAME} BEFORE INSERT OR UPDATE OF user_id ON courses_participant
    FOR EACH ROW EXECUTE FUNCTION {NAME}()
    """,
]
BACKWARD = [f"DROP TRIGGER IF EXISTS {NAME} ON courses_participant", f"DROP FUNCTION IF EXISTS {NAME}()"]


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement, params=None)

    return apply


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0001_one_role_per_person"),
        ("accounts", "0007_alter_user_role"),
        ("courses", "0001_initial"),
    ]

    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD))]

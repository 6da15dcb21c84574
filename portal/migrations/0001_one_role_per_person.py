"""One person, one role: a talent never becomes a host member, and a host member never a talent.

The rule spans two apps' tables (talents_talentprofile, hosts_hostmembership) and the core's user,
so it lives here, in the top layer. The services check it first (eyeforai.accounts.services.take_role,
called by talents' create_profile and hosts' accept_invitation); PostgreSQL checks it again for
every other way a row can arrive (the admin, a script, a race between two requests):

- `role` is set for everyone who already holds one. A person who holds both from before the rule
  (a talent who took an invitation) stays a talent; their membership opens nothing any more
  (hosts.access.membership_for checks the role).
- Before a talent profile or a host membership is inserted (or moved to another user), a trigger
  locks the user's row (SELECT … FOR UPDATE, the lock take_role takes) and refuses, with a
  check_violation (Django's IntegrityError), when the user holds the other role or has the other
  row; otherwise it records the role on the user.

SQLite (the quick start) has no triggers; there the services are the guard.
"""

from django.db import migrations

# (table, the role its row gives, the table whose row means the other role)
GUARDED = [
    ("talents_talentprofile", "talent", "hosts_hostmembership"),
    ("hosts_hostmembership", "host_member", "talents_talentprofile"),
]


def one_role_trigger(table, role, other_table):
    name = f"portal_{table.split('_', 1)[1]}_one_role"  # portal_talentprofile_one_role
    # Table and role names are this module's constants (GUARDED), never input.
    function = f"""
    CREATE FUNCTION {name}() RETURNS trigger AS $$
    DECLARE
        held varchar;
    BEGIN
        IF TG_OP = 'UPDATE' AND NEW.user_id = OLD.user_id THEN
            RETURN NEW;  -- Django's save() sets every column: only a new owner is checked
        END IF;
        -- The lock take_role takes: a concurrent request for the other role waits, then sees this one.
        SELECT role INTO held FROM accounts_user WHERE id = NEW.user_id FOR UPDATE;
        IF (held <> '' AND held <> '{role}')
           OR EXISTS (SELECT 1 FROM {other_table} WHERE user_id = NEW.user_id) THEN
            RAISE EXCEPTION '{name}: user % holds another role and cannot become {role}', NEW.user_id
                USING ERRCODE = 'check_violation';
        END IF;
        IF held = '' THEN
            UPDATE accounts_user SET role = '{role}' WHERE id = NEW.user_id;
        END IF;
        RETURN NEW;
    END;
    $$ LANGUAGE plpgsql
    """  # noqa: S608
    trigger = f"""
    CREATE TRIGGER {name} BEFORE INSERT OR UPDATE OF user_id ON {table}
    FOR EACH ROW EXECUTE FUNCTION {name}()
    """
    drop = [f"DROP TRIGGER IF EXISTS {name} ON {table}", f"DROP FUNCTION IF EXISTS {name}()"]
    return [function, trigger], drop


FORWARD = [statement for guarded in GUARDED for statement in one_role_trigger(*guarded)[0]]
BACKWARD = [statement for guarded in GUARDED for statement in one_role_trigger(*guarded)[1]]


def set_roles(apps, schema_editor):
    """Everyone who holds a role gets it on their user; a talent profile wins over a membership."""
    User = apps.get_model("accounts", "User")
    TalentProfile = apps.get_model("talents", "TalentProfile")
    HostMembership = apps.get_model("hosts", "HostMembership")
    User.objects.filter(pk__in=TalentProfile.objects.values("user_id")).update(role="talent")
    User.objects.filter(role="", pk__in=HostMembership.objects.values("user_id")).update(role="host_member")


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement, params=None)  # no client-side % interpolation

    return apply


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_user_role"),
        ("talents", "0004_cv_download"),
        ("hosts", "0003_invitation_refusal"),
    ]

    operations = [
        migrations.RunPython(set_roles, migrations.RunPython.noop),
        migrations.RunPython(run(FORWARD), run(BACKWARD)),
    ]

from django.core.management.base import BaseCommand, CommandError

from portal.personal_data import as_json, person_export
from talents.models import TalentProfile


class Command(BaseCommand):
    help = (
        "Print everything the portal holds about one talent as JSON (profile, applications, day logs, "
        "absences, placements, feedback, hiring, emails received, activity): the answer to a data-subject access "
        'request. The talent downloads the same, with their CVs, from their "Your data" page.'
    )

    def add_arguments(self, parser):
        parser.add_argument("email", help="the talent's sign-in email address")
        parser.add_argument("--output", help="write to this file instead of standard output")

    def handle(self, *args, email, output, **options):
        profile = TalentProfile.objects.select_related("user").filter(user__email__iexact=email.strip()).first()
        if profile is None:
            raise CommandError(f"No talent signs in with {email!r}.")
        text = as_json(person_export(profile.user))
        if output:
            with open(output, "w", encoding="utf-8") as handle:
                handle.write(text + "\n")
            self.stderr.write(f"Wrote {output}.")
        else:
            self.stdout.write(text)

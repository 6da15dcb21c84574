from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from tqdm import tqdm

from portal.demo.context import DemoContext
from portal.demo.steps import STEPS

DEMO_PASSWORD = "eyeforai-demo"  # printed for the demo; demo accounts exist only in seeded data  # noqa: S105  # nosec B105


class Command(BaseCommand):
    help = (
        "Fill the database with a believable programme (cohorts, hosts, talents and their history) and the "
        "leaders course (lessons, participants at every stage). Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=int,
            default=1,
            help="Multiply talents, hosts, history and course participants (benchmarks).",
        )
        parser.add_argument("--quiet", action="store_true", help="No progress bar and no login list.")
        parser.add_argument(
            "--allow-without-debug",
            action="store_true",
            help="Seed even with DEBUG off (the load benchmark's throw-away database). Never on a real site.",
        )

    def handle(self, *args, scale, quiet, allow_without_debug, **options):
        # The demo makes staff accounts whose password is written in this repository.
        if not settings.DEBUG and not allow_without_debug:
            raise CommandError(
                "seed_demo makes staff accounts with a published password, so it runs only with DEBUG=true. "
                "For a throw-away database with DEBUG off, pass --allow-without-debug."
            )
        if not 1 <= scale <= 1000:
            raise CommandError("--scale must be between 1 and 1000.")
        with tqdm(total=None, unit=" steps", disable=quiet, desc="Seeding demo data", leave=False) as bar:
            context = DemoContext(scale=scale, password=DEMO_PASSWORD, progress=bar.update)
            for name, seed in STEPS:
                bar.set_postfix_str(name)
                with transaction.atomic():
                    seed(context)
        if quiet:
            return
        self.stdout.write(self.style.SUCCESS(f"Demo data ready ({len(STEPS)} steps, scale {scale})."))
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for role, email in context.logins:
            self.stdout.write(f"  {role:<20} {email}")
        for note in context.notes:
            self.stdout.write(note)

"""Bind facilitator invitations when the invited address proves to be the person's: on verification and on
sign-in. Free a participant's workshop seat however their row is deleted (a superuser deleting the account in
the admin cascades to it without the services). Register the tables whose writes end the kept lessons
(courses/lesson_cache.py) and the workshop page's kept parts (courses/session_cards.py)."""

from allauth.account.models import EmailAddress
from allauth.account.signals import email_confirmed
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import pre_delete
from django.dispatch import receiver

from courses import lesson_cache, session_cards
from courses.models import Participant
from courses.services.erasure import release_for_erasure
from courses.services.facilitators import bind_facilitator_invitations
from eyeforai import write_watch


@receiver(email_confirmed, dispatch_uid="courses.bind_facilitator_on_email_confirmed")
def bind_on_email_confirmed(sender, request, email_address, **kwargs):
    bind_facilitator_invitations(email_address.user, [email_address.email])


@receiver(user_logged_in, dispatch_uid="courses.bind_facilitator_on_login")
def bind_on_login(sender, request, user, **kwargs):
    """An already-registered person who follows the link and signs in becomes a facilitator on sign-in."""
    emails = list(EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True))
    if emails:
        bind_facilitator_invitations(user, emails)


@receiver(pre_delete, sender=Participant, dispatch_uid="courses.release_seat_of_deleted_participant")
def release_seat_of_deleted_participant(sender, instance, **kwargs):
    """Session.seats_held counts bookings and offers: the rows a cascade is about to delete give their seats
    back first (a no-op after erase_participant, which released them already)."""
    release_for_erasure(instance)


# The kept lessons end with any write to a lesson, question or choice, bulk and QuerySet writes included.
write_watch.watch(lesson_cache.GENERATION_KEY, lesson_cache.lesson_tables)
# The workshop page's session cards, and each participant's own booking and waiting place (not ended by
# their busy columns alone).
write_watch.watch(session_cards.GENERATION_KEY, session_cards.tables_read)
write_watch.watch(
    session_cards.STANDING_GENERATION_KEY, session_cards.standing_tables_read, session_cards.standing_unread_columns
)

"""The course's part of a participant's data export (the whole export: portal/personal_data.py): their
participant row (title, role, organisation, completion date, certificate code) and, per lesson they
opened, where they stand and their latest answers as the texts they chose. Lesson, question and answer
texts are in the language of the request, as the participant reads them in the course.
A fixed number of queries, whatever the number of lessons and answers."""

import uuid

from courses.models import Choice, LessonProgress, Participant
from eyeforai.personal_data import as_row


def participant_of_user(user):
    """The user's Participant with its organisation, or None: one query."""
    return Participant.objects.filter(user=user).select_related("public_body").first()


def _chosen(progress):
    """{question uuid: {choice uuid, …}} of a progress row's latest answers, valid uuids only
    (the answers are JSON: their shape is checked, not trusted)."""
    answers = progress.answers if isinstance(progress.answers, dict) else {}
    chosen = {}
    for question, choices in answers.items():
        for value in choices if isinstance(choices, list) else ():
            try:
                chosen.setdefault(str(question), set()).add(uuid.UUID(str(value)))
            except ValueError:
                continue
    return chosen


def _answers(chosen, choices):
    """The latest answers to one lesson's check by question position: the question's text and the texts
    of the choices made. A question or choice a course manager has deleted since is left out."""
    by_question = {}
    for question_uuid, keys in chosen.items():
        for key in keys:
            choice = choices.get(key)
            if choice is not None and str(choice.question.uuid) == question_uuid:
                by_question.setdefault(choice.question, []).append(choice)
    return [
        {"question": question.text, "answers": [choice.text for choice in sorted(picked, key=lambda c: c.position)]}
        for question, picked in sorted(by_question.items(), key=lambda item: item[0].position)
    ]


def course_data(participant):
    """`participant` (from participant_of_user: its organisation loaded) as plain data: three queries."""
    progress = LessonProgress.objects.filter(participant=participant).select_related("lesson")
    rows = [(row, _chosen(row)) for row in progress.order_by("lesson__position")]
    keys = {key for _row, chosen in rows for keys in chosen.values() for key in keys}
    choices = {choice.uuid: choice for choice in Choice.objects.filter(uuid__in=keys).select_related("question")}
    return {
        # With the date the self-study part was completed and the code printed on the statement
        # (/course/verify/<code>/ confirms it once the part is completed).
        "participant": {**as_row(participant, exclude={"user"}), "organisation": participant.organisation_name},
        "lessons": [
            {
                "lesson": row.lesson.title,
                "opened_at": row.opened_at,
                "attempts": row.attempts,
                "correct": row.correct,
                "passed_at": row.passed_at,
                "latest_answers": _answers(chosen, choices),
            }
            for row, chosen in rows
        ],
    }

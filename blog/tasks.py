"""Thin Celery wrappers: the work and its rules live in blog.services."""

from celery import shared_task

from blog.services import review


@shared_task(name="blog.publish_scheduled_posts")
def publish_scheduled_posts():
    return review.publish_due_posts()

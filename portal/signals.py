"""Saving or deleting anything a public page shows starts a new generation of the page cache; writing
to a table an overview reads starts a new generation of the overviews (portal/dashboard_cache.py), and
to a table the signed-in person or their permissions are loaded from, of the kept signed-in people
(portal/signed_in_user.py)."""

from django.db import transaction
from django.db.backends.signals import connection_created
from django.db.models.signals import m2m_changed, post_delete, post_save

from blog.models import AuthorPage, Authorship, Post, PostImage, Tag
from eyeforai import write_watch
from eyeforai.admintools import kept_pages
from eyeforai.programme.models import Cohort, Period, Skill
from hosts.models import HostOrganization, Project, ProjectSeat
from portal import dashboard_cache, signed_in_user
from portal.public.cache import new_generation
from rotations import host_talent_table

# What `/`, `/hosts/` and the host and project pages show: the announced cohorts and their periods;
# active hosts and their approved projects with their skills and seats per period; the blog (/blog/…,
# and the latest posts on the front and host pages): posts with their tags, hosts, images and authors,
# and the author pages bylines read. A new public page adds the models it reads here.
PUBLIC_MODELS = [
    Cohort,
    Period,
    Skill,
    HostOrganization,
    Project,
    ProjectSeat,
    Post,
    Tag,
    PostImage,
    Authorship,
    AuthorPage,
]


def _invalidate(**kwargs):
    # After commit: a visitor arriving between a new generation and the commit would read the old
    # rows and cache them under the new generation, until PUBLIC_PAGE_SECONDS. A rollback starts none.
    transaction.on_commit(new_generation, robust=True)


for model in PUBLIC_MODELS:
    uid = f"public-pages:{model._meta.label}"
    post_save.connect(_invalidate, sender=model, dispatch_uid=f"{uid}:save")
    post_delete.connect(_invalidate, sender=model, dispatch_uid=f"{uid}:delete")
    for field in model._meta.local_many_to_many:
        m2m_changed.connect(_invalidate, sender=field.remote_field.through, dispatch_uid=f"{uid}:{field.name}")

write_watch.watch(dashboard_cache.GENERATION_KEY, dashboard_cache.overview_tables)
write_watch.watch(signed_in_user.GENERATION_KEY, signed_in_user.kept_tables, signed_in_user.unread_columns)
connection_created.connect(write_watch.watch_writes, dispatch_uid="kept-copies:watch-writes")

# The admin's application list and rotation board (eyeforai/admintools/kept_pages.py).
write_watch.watch(kept_pages.GENERATION_KEY, kept_pages.read_tables, write_watch.sign_in_columns)

# A host organisation's talents tables (eyeforai/kept_copies.py; rotations has no signals module).
write_watch.watch(host_talent_table.GENERATION_KEY, host_talent_table.tables_read)

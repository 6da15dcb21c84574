"""The programme team's side of the blog: tags, and the review page of each post (blog/admin/review.py)."""

from blog.admin import posts, tags  # noqa: F401 - registers the ModelAdmins

"""/talent/blog/…: a talent's own posts and author page."""

from django.urls import path

from blog.views import talent

app_name = "blog_talent"

urlpatterns = [
    path("", talent.my_posts, name="posts"),
    path("new/", talent.new_post, name="new"),
    path("author-page/", talent.author_page, name="author_page"),
    path("<uuid:uuid>/", talent.edit_post, name="edit"),
    path("<uuid:uuid>/images/", talent.add_image, name="add_image"),
    path("<uuid:uuid>/images/<uuid:image_uuid>/remove/", talent.remove_image, name="remove_image"),
    path("<uuid:uuid>/submit/", talent.submit, name="submit"),
    path("<uuid:uuid>/comment/", talent.comment, name="comment"),
    path("<uuid:uuid>/delete/", talent.delete, name="delete"),
]

"""/blog/…: the published posts, for anyone (portal/urls.py caches these pages), and previews for those allowed."""

from django.urls import path

from blog.views import images, public

app_name = "blog"

urlpatterns = [
    path("", public.index, name="index"),
    path("feed.atom", public.feed, name="feed"),
    path("tags/<slug:slug>/", public.tag, name="tag"),
    path("hosts/<str:slug>/", public.host, name="host"),
    path("authors/<uuid:uuid>/", public.author, name="author"),
    path("authors/<uuid:uuid>/photo/", images.author_photo, name="author_photo"),
    path("images/<uuid:uuid>/", images.image, name="image"),
    path("images/<uuid:uuid>/small/", images.image, {"small": True}, name="image_small"),
    path("preview/<uuid:uuid>/", public.preview, name="preview"),
    path("<slug:slug>/", public.post, name="post"),
]

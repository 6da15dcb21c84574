"""/host/blog/…: posts the programme team shows a host organisation before publication."""

from django.urls import path

from blog.views import host

app_name = "blog_host"

urlpatterns = [
    path("", host.shared_posts, name="posts"),
    path("<uuid:uuid>/", host.shared_post, name="post"),
]

from blog.models.authors import AuthorPage
from blog.models.posts import Authorship, Post, PostComment, PostImage, Tag

__all__ = ["AuthorPage", "Authorship", "Post", "PostComment", "PostImage", "Tag"]

import pytest


@pytest.fixture(autouse=True)
def _media(media_root):
    """Every talents test writes uploads to its own temporary MEDIA_ROOT."""

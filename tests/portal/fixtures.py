"""Objects the portal tests and the access matrix build (registered in tests/conftest.py)."""

import pytest

from eyeforai.accounts.models import ErasureRequest


@pytest.fixture
def talent_erasure_request(talent):
    """The `talent` fixture has asked for their account to be erased; no manager has confirmed it."""
    return ErasureRequest.objects.create(user=talent)

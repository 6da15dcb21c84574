"""Looking up the demo programme manager (seed_demo), for tests that sign in as the demo people."""

from django.contrib.auth import get_user_model


def demo_manager():
    return get_user_model().objects.get(email="karin.lindqvist@ai.se")

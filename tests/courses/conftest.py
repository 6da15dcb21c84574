import pytest

from courses.bodies import ensure_public_bodies


@pytest.fixture(autouse=True)
def _public_bodies(request):
    """The list of public bodies comes from a data migration; a transactional test (a browser journey, a real
    worker) flushes it away for the tests after it in the same process, so each course test that uses the
    database finds it loaded again."""
    # Tests marked django_db have the database by now (pytest-django's marker fixture runs first); a test that
    # reaches it through a fixture of its own (`now` asks for `db`) has it set up here first.
    if request.node.get_closest_marker("django_db"):
        ensure_public_bodies()
        return
    for database in ("transactional_db", "db"):
        if database in request.fixturenames:
            request.getfixturevalue(database)
            ensure_public_bodies()
            return

"""The rotation board pages its talents, so a large cohort stays a page a browser can open."""

from django.urls import reverse

from rotations.admin.board import BOARD_PAGE_SIZE
from tests.rotations.fixtures import accepted_talent


def test_a_cohort_larger_than_a_page_is_split_over_pages_with_every_talent_once(client, manager, rotation_cohort):
    for number in range(BOARD_PAGE_SIZE + 1):
        accepted_talent(rotation_cohort, number)
    client.force_login(manager)
    url = reverse("admin:rotations_board", args=[rotation_cohort.slug])

    first = client.get(url).content.decode()
    second = client.get(url, {"page": 2}).content.decode()

    assert first.count('<tr id="talent-') == BOARD_PAGE_SIZE and second.count('<tr id="talent-') == 1
    assert f"{BOARD_PAGE_SIZE + 1} accepted talents" in first and 'rel="next"' in first
    assert 'rel="prev"' in second
    assert client.get(url, {"page": "nonsense"}).status_code == 200

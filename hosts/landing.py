from hosts.models import HostOrganization

LANDING_LIMIT = 12


def landing_context():
    """The "our hosts" section of the front page: one query."""
    hosts = list(HostOrganization.objects.active().only("name", "sector", "city").order_by("name")[: LANDING_LIMIT + 1])
    return {"hosts": hosts[:LANDING_LIMIT], "more_hosts": len(hosts) > LANDING_LIMIT}

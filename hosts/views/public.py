from django.conf import settings
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from eyeforai.ratelimit import over_limit
from hosts.forms import InterestForm
from hosts.services.interests import record_interest


@require_http_methods(["GET", "POST"])
def interest(request):
    """The public "become a host" form: honeypot, per-address rate limit, then record_interest()."""
    if request.method != "POST":
        return render(request, "hosts/interest.html", {"form": InterestForm()})
    form = InterestForm(request.POST)
    limit, window = settings.HOSTS_INTEREST_RATE_LIMIT, settings.HOSTS_INTEREST_RATE_WINDOW
    if over_limit(request, scope="host-interest", limit=limit, window=window):
        form.is_valid()
        form.add_error(
            None,
            _("We have received many messages from your network in the last hour. Please try again later."),
        )
        return render(request, "hosts/interest.html", {"form": form}, status=429)
    if not form.is_valid():
        return render(request, "hosts/interest.html", {"form": form})
    record_interest(form.save(commit=False))
    return redirect("hosts_public:interest_thanks")


@require_GET
def interest_thanks(request):
    return render(request, "hosts/interest_thanks.html", {"team_email": settings.PROGRAMME_TEAM_EMAIL})

"""The matching engine's notes and "why not" reasons in the reader's language.

The engine (rotations/engine) imports no Django, so it cannot translate: it writes fixed English sentences
(checks.py, solver.py, explain.py). Its words are put into the reader's language here, at the edge, before
`run_page.named()` swaps UUIDs for names: one pattern per sentence shape the engine writes, read back into
its values and rendered through the catalogue, counts with plural forms. English passes as written (it is
the engine's own wording); a sentence no pattern knows is shown as written, never an error.
tests/rotations/test_engine_notes.py fails when the engine gains a sentence this list lacks.
"""

import re

from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import get_language, gettext, ngettext, ngettext_lazy
from django.utils.translation import gettext_lazy as _

PLACE_AGAIN = r"Add seats, lift a forbidden pair or open another host to them, then run again\."
USE = r"\(the rest are forbidden, not a fit, without seats, locked or at a host their locks use\)"
HALL = r"Add seats in that period, lift a forbidden pair or move a lock, then run again\."
TOGETHER = (
    r"^Talents (?P<talents>.+?) cannot all be placed together: the seats per period, the rule of (?P<periods>\d+) "
    r"different hosts per talent{locks} and the forbidden pairs leave no plan for them \((?P<minimal>without any "
    r"one of them a plan exists|the set may not be minimal)\)\. Add seats, remove a lock or lift a forbidden pair "
    r"for one of them, then run again\.$"
)

# (one sentence shape as the engine writes it, the template that says it in the active language)
WRITTEN = [
    (r"^A cohort needs at least one period\.$", _("A cohort needs at least one period.")),
    (
        r"^A locked placement names unknown talent (?P<talent>.+)\.$",
        _("A locked placement names unknown talent %(talent)s."),
    ),
    (
        r"^A locked placement of (?P<talent>.+?) names unknown project (?P<project>.+)\.$",
        _("A locked placement of %(talent)s names unknown project %(project)s."),
    ),
    (
        r"^A locked placement of (?P<talent>.+?) is in period (?P<period>\d+), "
        r"outside periods 1 to (?P<periods>\d+)\.$",
        _("A locked placement of %(talent)s is in period %(period)s, outside periods 1 to %(periods)s."),
    ),
    (
        r"^The locked placement of (?P<talent>.+?) on (?P<project>.+?) is a forbidden pair or not a fit\.$",
        _("The locked placement of %(talent)s on %(project)s is a forbidden pair or not a fit."),
    ),
    (
        r"^Talent (?P<talent>.+?) has (?P<count>\d+) locked placements in period (?P<period>\d+)\.$",
        ngettext_lazy(
            "Talent %(talent)s has %(count)s locked placement in period %(period)s.",
            "Talent %(talent)s has %(count)s locked placements in period %(period)s.",
            "count",
        ),
    ),
    (
        r"^Talent (?P<talent>.+?) is locked (?P<count>\d+) times at host (?P<host>.+)\.$",
        ngettext_lazy(
            "Talent %(talent)s is locked %(count)s time at host %(host)s.",
            "Talent %(talent)s is locked %(count)s times at host %(host)s.",
            "count",
        ),
    ),
    (
        r"^Project (?P<project>.+?) has (?P<count>\d+) locked talents in period (?P<period>\d+) "
        r"but (?P<seats>\d+) seats?: (?P<excess>\d+) too many\.$",
        ngettext_lazy(
            "Project %(project)s has %(count)s locked talent in period %(period)s but %(seats)s: %(excess)s too many.",
            "Project %(project)s has %(count)s locked talents in period %(period)s but %(seats)s: %(excess)s too many.",
            "count",
        ),
    ),
    (
        r"^Period (?P<period>\d+) has (?P<seats>\d+) seats? for (?P<count>\d+) talents: "
        r"a shortfall of (?P<shortfall>\d+) seats?\.$",
        ngettext_lazy(
            "Period %(period)s has %(seats)s for %(count)s talent: a shortfall of %(shortfall)s.",
            "Period %(period)s has %(seats)s for %(count)s talents: a shortfall of %(shortfall)s.",
            "count",
        ),
    ),
    (
        r"^Talent (?P<talent>.+?) can reach only (?P<count>\d+) host\(s\) \(the rest are forbidden, not a fit or "
        r"without seats\) but needs (?P<periods>\d+) different hosts\.$",
        ngettext_lazy(
            "Talent %(talent)s can reach only %(count)s host (the rest are forbidden, not a fit or without seats) "
            "but needs %(periods)s different hosts.",
            "Talent %(talent)s can reach only %(count)s hosts (the rest are forbidden, not a fit or without seats) "
            "but needs %(periods)s different hosts.",
            "count",
        ),
    ),
    (
        r"^Talent (?P<talent>.+?) has no reachable project with a seat in period (?P<period>\d+)\.$",
        _("Talent %(talent)s has no reachable project with a seat in period %(period)s."),
    ),
    (
        TOGETHER.format(locks=r", the locked placements \((?P<locks>.+)\)"),
        _(
            "Talents %(talents)s cannot all be placed together: the seats per period, the rule of %(periods)s "
            "different hosts per talent, the locked placements (%(locks)s) and the forbidden pairs leave no plan "
            "for them (%(minimal)s). Add seats, remove a lock or lift a forbidden pair for one of them, then run again."
        ),
    ),
    (
        TOGETHER.format(locks=""),
        _(
            "Talents %(talents)s cannot all be placed together: the seats per period, the rule of %(periods)s "
            "different hosts per talent and the forbidden pairs leave no plan for them (%(minimal)s). Add seats, "
            "remove a lock or lift a forbidden pair for one of them, then run again."
        ),
    ),
    (
        r"^No plan meets every rule at once: the seats per period, the rule of (?P<periods>\d+) different hosts per "
        r"talent, the locked placements and the forbidden pairs leave some talent without a place\. Add seats, "
        r"remove a lock or lift a forbidden pair, then run again\.$",
        _(
            "No plan meets every rule at once: the seats per period, the rule of %(periods)s different hosts per "
            "talent, the locked placements and the forbidden pairs leave some talent without a place. Add seats, "
            "remove a lock or lift a forbidden pair, then run again."
        ),
    ),
    (
        r"^Talents (?P<talents>.+?) need (?P<need>\d+) placements at (?P<periods>\d+) different hosts each, but "
        r"projects (?P<projects>.+?) have (?P<seats>\d+) seats over all periods, and apart from them these talents "
        rf"reach (?P<count>\d+) host place\(s\) \(one per host each\): at most (?P<total>\d+)\. {PLACE_AGAIN}$",
        ngettext_lazy(
            "Talents %(talents)s need %(need)s placements at %(periods)s different hosts each, but projects "
            "%(projects)s have %(seats)s over all periods, and apart from them these talents reach %(count)s host "
            "place (one per host each): at most %(total)s. Add seats, lift a forbidden pair or open another host "
            "to them, then run again.",
            "Talents %(talents)s need %(need)s placements at %(periods)s different hosts each, but projects "
            "%(projects)s have %(seats)s over all periods, and apart from them these talents reach %(count)s host "
            "places (one per host each): at most %(total)s. Add seats, lift a forbidden pair or open another host "
            "to them, then run again.",
            "count",
        ),
    ),
    (
        r"^Talents (?P<talents>.+?) need (?P<need>\d+) placements at (?P<periods>\d+) different hosts each, but they "
        r"can reach (?P<count>\d+) host place\(s\) in all \(one per host each; the rest are forbidden or seatless\): "
        rf"at most (?P<total>\d+)\. {PLACE_AGAIN}$",
        ngettext_lazy(
            "Talents %(talents)s need %(need)s placements at %(periods)s different hosts each, but they can reach "
            "%(count)s host place in all (one per host each; the rest are forbidden or seatless): at most "
            "%(total)s. Add seats, lift a forbidden pair or open another host to them, then run again.",
            "Talents %(talents)s need %(need)s placements at %(periods)s different hosts each, but they can reach "
            "%(count)s host places in all (one per host each; the rest are forbidden or seatless): at most "
            "%(total)s. Add seats, lift a forbidden pair or open another host to them, then run again.",
            "count",
        ),
    ),
    (
        rf"^In period (?P<period>\d+), talents (?P<talents>.+?) can only use projects (?P<projects>.+?) {USE}, "
        rf"which have (?P<seats>\d+) seats? for (?P<count>\d+) talents\. {HALL}$",
        ngettext_lazy(
            "In period %(period)s, talent %(talents)s can only use projects %(projects)s (the rest are forbidden, "
            "not a fit, without seats, locked or at a host their locks use), which have %(seats)s for %(count)s "
            "talent. Add seats in that period, lift a forbidden pair or move a lock, then run again.",
            "In period %(period)s, talents %(talents)s can only use projects %(projects)s (the rest are forbidden, "
            "not a fit, without seats, locked or at a host their locks use), which have %(seats)s for %(count)s "
            "talents. Add seats in that period, lift a forbidden pair or move a lock, then run again.",
            "count",
        ),
    ),
    (
        rf"^In period (?P<period>\d+), talents (?P<talents>.+?) can only use no project {USE}, "
        rf"which have \d+ seats? for \d+ talents\. {HALL}$",
        _(
            "In period %(period)s, talents %(talents)s can use no project (every one is forbidden, not a fit, "
            "without seats, locked or at a host their locks use). Add seats in that period, lift a forbidden pair "
            "or move a lock, then run again."
        ),
    ),
    (
        r"^No plan was found within the time limit of (?P<limit>\S+) s \(stopped after (?P<seconds>\S+) s\)\. "
        r"This does not mean that none exists: allow more time and run again\.$",
        _(
            "No plan was found within the time limit of %(limit)s s (stopped after %(seconds)s s). This does not "
            "mean that none exists: allow more time and run again."
        ),
    ),
    (r"^Proven optimal\.$", _("Proven optimal.")),
    (
        r"^Best plan found; score (?P<score>[^,]+), proven bound (?P<bound>[^:]+): optimality gap (?P<gap>\S+) %\.$",
        _("Best plan found; score %(score)s, proven bound %(bound)s: optimality gap %(gap)s %%."),
    ),
    (
        r"^Worst talent rank in the plan: (?P<rank>\S+) \(on each talent's own list, read down to the cohort's "
        r"minimum list; any other project counts as one below their last counted choice\)\.$",
        _(
            "Worst talent rank in the plan: %(rank)s (on each talent's own list, read down to the cohort's minimum "
            "list; any other project counts as one below their last counted choice)."
        ),
    ),
    (
        r"^The time limit of (?P<limit>\S+) s stopped the solver before it finished: this plan is what it had then, "
        r"and another run with the same limit may return a different one\. Allow more time for a plan that does "
        r"not depend on how busy the machine is\.$",
        _(
            "The time limit of %(limit)s s stopped the solver before it finished: this plan is what it had then, and "
            "another run with the same limit may return a different one. Allow more time for a plan that does not "
            "depend on how busy the machine is."
        ),
    ),
    (
        r"^Buddies share a project in (?P<count>\d+) period\(s\) across (?P<pairs>\d+) buddy pair\(s\)\.$",
        ngettext_lazy(
            "Buddies share a project in %(count)s period across %(pairs)s.",
            "Buddies share a project in %(count)s periods across %(pairs)s.",
            "count",
        ),
    ),
    # "Why this placement?": why a talent did not get an option they ranked higher (explain.py).
    (r"^not a fit$", _("not a fit")),
    (r"^forbidden$", _("forbidden")),
    (r"^no seats in any period$", _("no seats in any period")),
    (r"^locked placement$", _("locked placement")),
    (r"^host already used in period (?P<period>\d+)$", _("host already used in period %(period)s")),
    (
        r"^seats filled by (?P<talents>.+) in period (?P<period>\d+)$",
        _("seats filled by %(talents)s in period %(period)s"),
    ),
    (
        r"^the plan scores higher without it \(host ranking, skill fit or fairness\)$",
        _("the plan scores higher without it (host ranking, skill fit or fairness)"),
    ),
]
NOTES = [(re.compile(pattern), template) for pattern, template in WRITTEN]

# The phrases the engine builds into its sentences ("3 seats", "t1 on p2 in period 1", ...).
LOCK = re.compile(r"^(?P<talent>.+?) on (?P<project>.+) in period (?P<period>\d+)$")
MINIMAL = {
    "without any one of them a plan exists": _("without any one of them a plan exists"),
    "the set may not be minimal": _("the set may not be minimal"),
}
DECIMALS = {"limit", "seconds", "score", "bound", "gap"}


def _seats(text):
    count = int(text)  # the run page's words for seats (run_page.seats_in_words)
    return ngettext("%(count)d seat", "%(count)d seats", count) % {"count": count} if count else gettext("no seats")


def _lock(text):
    found = LOCK.match(text)
    return gettext("%(talent)s on %(project)s in period %(period)s") % found.groupdict() if found else text


PHRASES = {
    "seats": _seats,
    "shortfall": _seats,
    "pairs": lambda text: ngettext("%(count)d buddy pair", "%(count)d buddy pairs", int(text)) % {"count": int(text)},
    "locks": lambda text: "; ".join(_lock(part) for part in text.split("; ")),
    "minimal": lambda text: str(MINIMAL.get(text, text)),
}


def _decimal(text):
    """A number as the engine printed it ("0.230", "-12.50", "20"), with the active language's decimal mark."""
    if not re.fullmatch(r"-?\d+(\.\d+)?", text):
        return text
    whole, _dot, decimals = text.partition(".")
    return number_format(float(text), len(decimals)) if decimals else number_format(int(whole))


def _value(key, text):
    if key in PHRASES:
        return PHRASES[key](text)
    if key in DECIMALS:
        return _decimal(text)
    return int(text) if text.isdigit() else text


def in_language(text):
    """One engine sentence in the active language; as written in English or when no pattern knows it."""
    if (get_language() or settings.LANGUAGE_CODE).split("-")[0] == "en":
        return text
    for pattern, template in NOTES:
        found = pattern.match(text)
        if found:
            return template % {key: _value(key, value) for key, value in found.groupdict().items()}
    return text

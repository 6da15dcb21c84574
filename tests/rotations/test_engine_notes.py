"""The engine's notes and "why not" reasons in the reader's language (rotations/admin/engine_notes.py).

Every sentence here is written by the engine itself, on a tiny problem made to provoke it. In English it is
shown as written; in Swedish it goes through the catalogue (its msgid looked up, the values put back, the
counts with plural forms). And every sentence the engine's sources can write has a pattern: a new one
without a translation fails `test_every_sentence_the_engine_writes_has_a_pattern`.
"""

import ast
import re
import time
from functools import cache
from pathlib import Path

import numpy as np
import pytest
from django.utils import translation
from django.utils.formats import number_format
from django.utils.translation import gettext, ngettext

from rotations import engine
from rotations.admin.engine_notes import LOCK, MINIMAL, NOTES, in_language
from rotations.admin.run_page import build_run_page, named
from rotations.choices import RunStatus
from rotations.engine import Plan, Problem, Project, Talent, checks, solve, solver, why
from rotations.engine.compiled import Compiled
from rotations.engine.metrics import score
from rotations.services.matching import execute_run, start_run
from tests.factories import HostOrganizationFactory
from tests.rotations.fixtures import accepted_talent, approved_project

ENGINE = Path(engine.__file__).parent
NOT_SHOWN = {"metrics.py"}  # violations(): the hard-rule check of tests and the benchmark, shown on no page


def problem(projects, talents, periods=2, **kwargs):
    return Problem(talents=tuple(talents), projects=tuple(projects), periods=periods, **kwargs)


def four_hosts(seats=(1, 1), talents=3, **kwargs):
    """`talents` talents, four hosts with a project each, two periods."""
    projects = [Project(f"p{i}", f"h{i}", seats) for i in range(4)]
    return problem(projects, [Talent(f"t{i}", ("p0", "p1", "p2", "p3")) for i in range(talents)], **kwargs)


def one(lines, start):
    """The engine's line that starts with `start` (one of several the engine wrote)."""
    (line,) = [line for line in lines if line.startswith(start)]
    return line


@cache
def written():
    """{case: a sentence the engine wrote}."""
    out = {"zero periods": solve(four_hosts(periods=0)).explanation[0]}
    unknown = solve(four_hosts(locks=frozenset({("tx", 0, "p0"), ("t0", 0, "px"), ("t1", 5, "p0")}))).explanation
    out["unknown talent"] = one(unknown, "A locked placement names")
    out["unknown project"] = one(unknown, "A locked placement of t0")
    out["lock outside"] = one(unknown, "A locked placement of t1")
    banned = four_hosts(locks=frozenset({("t0", 0, "p0")}), forbidden=frozenset({("t0", "p0")}))
    out["forbidden lock"] = solve(banned).explanation[0]
    same_host = [Project("p0", "h0", (1, 1)), Project("p1", "h0", (1, 1)), Project("p2", "h2", (1, 1))]
    twice = problem(same_host, [Talent("t0", ("p0",))], locks=frozenset({("t0", 0, "p0"), ("t0", 1, "p1")}))
    out["locked twice at a host"] = solve(twice).explanation[0]
    clash = solve(four_hosts(locks=frozenset({("t0", 0, "p0"), ("t0", 0, "p1"), ("t1", 0, "p0")}))).explanation
    out["locks in a period"] = one(clash, "Talent t0 has 2")
    out["locks on a seat"] = one(clash, "Project p0")
    short = solve(four_hosts(seats=(1, 0))).explanation
    out["shortfall"] = one(short, "Period 2")
    out["no seat in a period"] = one(short, "Talent t0 has no")
    reach = four_hosts(forbidden=frozenset({("t1", "h0"), ("t1", "h1"), ("t1", "p2")}))
    out["reach"] = solve(reach).explanation[0]
    out["hosts, elsewhere"] = checks.certificate(Compiled(reach))[0][0]  # solve() says "reach" first
    hidden = problem(
        [Project("p0", "h0", (2, 0)), Project("p1", "h0", (0, 1)), Project("p2", "h1", (0, 1))],
        [Talent("t0", ("p0",)), Talent("t1", ("p1",))],
    )
    out["hosts, projects"] = solve(hidden).explanation[0]
    hall = problem(
        [Project("p0", "h0", (1, 1)), Project("p1", "h1", (1, 1)), Project("p2", "h2", (0, 2))],
        [Talent("t0", ("p0",)), Talent("t1", ("p0",))],
        forbidden=frozenset({("t0", "p1"), ("t1", "p1")}),
    )
    out["period, projects"] = solve(hall).explanation[0]
    nothing_open = problem(
        [Project("p0", "h0", (1, 1)), Project("p1", "h1", (0, 1))], [Talent("t0", ("p0",))],
        locks=frozenset({("t0", 1, "p0")}),
    )  # fmt: skip
    out["period, no project"] = solve(nothing_open).explanation[0]
    # The deletion filter with a stand-in for "a plan exists for these talents alone".
    locked = Compiled(four_hosts(talents=2, locks=frozenset({("t0", 0, "p0")})))
    out["together, locks"] = checks.certificate(locked, exact=lambda talents: True)[0][0]
    out["together, late"] = checks.certificate(Compiled(four_hosts(talents=2)), exact=bool, deadline=0.0)[0][0]
    out["no plan meets every rule"] = checks.certificate(Compiled(four_hosts(talents=2)))[0][0]
    optimal = solve(four_hosts(talents=2)).explanation
    out["proven optimal"], out["worst rank"] = optimal
    pair = [Talent("t0", ("p0", "p1"), buddy="t1"), Talent("t1", ("p0", "p1"), buddy="t0")]
    out["buddies"] = solve(problem([Project(f"p{i}", f"h{i}", (2, 2)) for i in range(3)], pair)).explanation[-1]
    # The solver's last step, given what the clock would leave it.
    cp = Compiled(four_hosts(talents=2))
    now = time.monotonic()
    finish = {"started": now, "deadline": now, "method": "decomposed", "stats": {}}
    out["no plan in time"] = solver._finish(cp, None, np.inf, [], **finish).explanation[0]
    cut_short = solver._finish(cp, None, np.inf, [PLACED], **finish).explanation
    out["gap"], out["cut short"] = cut_short[0], cut_short[-1]
    out.update(why_not())
    return out


PLACED = {(0, 0): 0, (0, 1): 1, (1, 0): 1, (1, 1): 0}  # (talent, period) -> project, in index form


def why_not():
    """t0 ranked p0..p6 above the p7 (locked) and p8 it got: each for another of explain.py's reasons."""
    projects = [
        Project("p0", "h0", (1, 1), not_a_fit=frozenset({"t0"})),
        Project("p1", "h1", (1, 1)),  # forbidden
        Project("p2", "h2", (0, 0)),
        Project("p3", "h3", (1, 0)),  # seats only in the locked period 1
        Project("p4", "h8", (1, 1)),  # p8's host
        Project("p5", "h5", (1, 1)),  # t1 has it in period 2
        Project("p6", "h6", (1, 1)),  # free: the objective chose otherwise
        Project("p7", "h7", (1, 1)),
        Project("p8", "h8", (1, 1)),
    ]
    talents = [Talent("t0", tuple(f"p{i}" for i in range(9))), Talent("t1", ("p5",))]
    cohort = problem(
        projects, talents, forbidden=frozenset({("t0", "p1")}), locks=frozenset({("t0", 0, "p7")}), ranked_minimum=0
    )
    plan = Plan("optimal", {("t0", 0): "p7", ("t0", 1): "p8", ("t1", 0): "p6", ("t1", 1): "p5"}, None, None, [], 0.0)
    return {f"why: {reason['project']}": reason["reason"] for reason in why(cohort, plan, "t0")}


def seats(count):
    return ngettext("%(count)d seat", "%(count)d seats", count) % {"count": count} if count else gettext("no seats")


def decimal(text):
    """As the page says the engine's decimals ("12.00" -> "12,00" in Swedish)."""
    whole, _dot, decimals = text.partition(".")
    return number_format(float(text), len(decimals)) if decimals else number_format(int(whole))


def plural(singular, plural_form, count, **values):
    return ngettext(singular, plural_form, count) % {"count": count, **values}


# {case: the sentence in the active language, from its msgid}, each computed under translation.override.
EXPECTED = {
    "zero periods": lambda: gettext("A cohort needs at least one period."),
    "unknown talent": lambda: gettext("A locked placement names unknown talent %(talent)s.") % {"talent": "tx"},
    "unknown project": lambda: gettext("A locked placement of %(talent)s names unknown project %(project)s.")
    % {"talent": "t0", "project": "px"},
    "lock outside": lambda: gettext(
        "A locked placement of %(talent)s is in period %(period)s, outside periods 1 to %(periods)s."
    ) % {"talent": "t1", "period": 6, "periods": 2},
    "forbidden lock": lambda: gettext(
        "The locked placement of %(talent)s on %(project)s is a forbidden pair or not a fit."
    ) % {"talent": "t0", "project": "p0"},
    "locked twice at a host": lambda: plural(
        "Talent %(talent)s is locked %(count)s time at host %(host)s.",
        "Talent %(talent)s is locked %(count)s times at host %(host)s.",
        2, talent="t0", host="h0",
    ),
    "locks in a period": lambda: plural(
        "Talent %(talent)s has %(count)s locked placement in period %(period)s.",
        "Talent %(talent)s has %(count)s locked placements in period %(period)s.",
        2, talent="t0", period=1,
    ),
    "locks on a seat": lambda: plural(
        "Project %(project)s has %(count)s locked talent in period %(period)s but %(seats)s: %(excess)s too many.",
        "Project %(project)s has %(count)s locked talents in period %(period)s but %(seats)s: %(excess)s too many.",
        2, project="p0", period=1, seats=seats(1), excess=1,
    ),
    "shortfall": lambda: plural(
        "Period %(period)s has %(seats)s for %(count)s talent: a shortfall of %(shortfall)s.",
        "Period %(period)s has %(seats)s for %(count)s talents: a shortfall of %(shortfall)s.",
        3, period=2, seats=seats(0), shortfall=seats(3),
    ),
    "no seat in a period": lambda: gettext(
        "Talent %(talent)s has no reachable project with a seat in period %(period)s."
    ) % {"talent": "t0", "period": 2},
    "reach": lambda: plural(
        "Talent %(talent)s can reach only %(count)s host (the rest are forbidden, not a fit or without seats) "
        "but needs %(periods)s different hosts.",
        "Talent %(talent)s can reach only %(count)s hosts (the rest are forbidden, not a fit or without seats) "
        "but needs %(periods)s different hosts.",
        1, talent="t1", periods=2,
    ),
    "hosts, elsewhere": lambda: plural(
        "Talents %(talents)s need %(need)s placements at %(periods)s different hosts each, but they can reach "
        "%(count)s host place in all (one per host each; the rest are forbidden or seatless): at most "
        "%(total)s. Add seats, lift a forbidden pair or open another host to them, then run again.",
        "Talents %(talents)s need %(need)s placements at %(periods)s different hosts each, but they can reach "
        "%(count)s host places in all (one per host each; the rest are forbidden or seatless): at most "
        "%(total)s. Add seats, lift a forbidden pair or open another host to them, then run again.",
        1, talents="t1", need=2, periods=2, total=1,
    ),
    "hosts, projects": lambda: plural(
        "Talents %(talents)s need %(need)s placements at %(periods)s different hosts each, but projects "
        "%(projects)s have %(seats)s over all periods, and apart from them these talents reach %(count)s host "
        "place (one per host each): at most %(total)s. Add seats, lift a forbidden pair or open another host "
        "to them, then run again.",
        "Talents %(talents)s need %(need)s placements at %(periods)s different hosts each, but projects "
        "%(projects)s have %(seats)s over all periods, and apart from them these talents reach %(count)s host "
        "places (one per host each): at most %(total)s. Add seats, lift a forbidden pair or open another host "
        "to them, then run again.",
        2, talents="t0, t1", need=4, periods=2, projects="p2", seats=seats(1), total=3,
    ),
    "period, projects": lambda: plural(
        "In period %(period)s, talent %(talents)s can only use projects %(projects)s (the rest are forbidden, "
        "not a fit, without seats, locked or at a host their locks use), which have %(seats)s for %(count)s "
        "talent. Add seats in that period, lift a forbidden pair or move a lock, then run again.",
        "In period %(period)s, talents %(talents)s can only use projects %(projects)s (the rest are forbidden, "
        "not a fit, without seats, locked or at a host their locks use), which have %(seats)s for %(count)s "
        "talents. Add seats in that period, lift a forbidden pair or move a lock, then run again.",
        2, period=1, talents="t0, t1", projects="p0", seats=seats(1),
    ),
    "period, no project": lambda: gettext(
        "In period %(period)s, talents %(talents)s can use no project (every one is forbidden, not a fit, "
        "without seats, locked or at a host their locks use). Add seats in that period, lift a forbidden pair "
        "or move a lock, then run again."
    ) % {"period": 1, "talents": "t0"},
    "together, locks": lambda: gettext(
        "Talents %(talents)s cannot all be placed together: the seats per period, the rule of %(periods)s "
        "different hosts per talent, the locked placements (%(locks)s) and the forbidden pairs leave no plan "
        "for them (%(minimal)s). Add seats, remove a lock or lift a forbidden pair for one of them, then run again."
    ) % {
        "talents": "t0, t1", "periods": 2, "minimal": gettext("without any one of them a plan exists"),
        "locks": gettext("%(talent)s on %(project)s in period %(period)s")
        % {"talent": "t0", "project": "p0", "period": 1},
    },
    "together, late": lambda: gettext(
        "Talents %(talents)s cannot all be placed together: the seats per period, the rule of %(periods)s "
        "different hosts per talent and the forbidden pairs leave no plan for them (%(minimal)s). Add seats, "
        "remove a lock or lift a forbidden pair for one of them, then run again."
    ) % {"talents": "t0, t1", "periods": 2, "minimal": gettext("the set may not be minimal")},
    "no plan meets every rule": lambda: gettext(
        "No plan meets every rule at once: the seats per period, the rule of %(periods)s different hosts per "
        "talent, the locked placements and the forbidden pairs leave some talent without a place. Add seats, "
        "remove a lock or lift a forbidden pair, then run again."
    ) % {"periods": 2},
    "proven optimal": lambda: gettext("Proven optimal."),
    "worst rank": lambda: gettext(
        "Worst talent rank in the plan: %(rank)s (on each talent's own list, read down to the cohort's minimum "
        "list; any other project counts as one below their last counted choice)."
    ) % {"rank": 2},
    "buddies": lambda: plural(
        "Buddies share a project in %(count)s period across %(pairs)s.",
        "Buddies share a project in %(count)s periods across %(pairs)s.",
        2, pairs=ngettext("%(count)d buddy pair", "%(count)d buddy pairs", 1) % {"count": 1},
    ),
    "no plan in time": lambda: gettext(
        "No plan was found within the time limit of %(limit)s s (stopped after %(seconds)s s). This does not "
        "mean that none exists: allow more time and run again."
    ) % {"limit": decimal("20"), "seconds": decimal(re.search(r"after (\S+) s", written()["no plan in time"])[1])},
    "gap": lambda: gettext("Best plan found; score %(score)s, proven bound %(bound)s: optimality gap %(gap)s %%.")
    % gap_values(),
    "cut short": lambda: gettext(
        "The time limit of %(limit)s s stopped the solver before it finished: this plan is what it had then, and "
        "another run with the same limit may return a different one. Allow more time for a plan that does not "
        "depend on how busy the machine is."
    ) % {"limit": decimal("20")},
    "why: p0": lambda: gettext("not a fit"),
    "why: p1": lambda: gettext("forbidden"),
    "why: p2": lambda: gettext("no seats in any period"),
    "why: p3": lambda: gettext("locked placement"),
    "why: p4": lambda: gettext("host already used in period %(period)s") % {"period": 2},
    "why: p5": lambda: gettext("seats filled by %(talents)s in period %(period)s") % {"talents": "t1", "period": 2},
    "why: p6": lambda: gettext("the plan scores higher without it (host ranking, skill fit or fairness)"),
}  # fmt: skip


def gap_values():
    """The numbers of the "cut short" plan: its score, the bound the solver fell back on, the gap."""
    cp = Compiled(four_hosts(talents=2))
    value = score(cp, PLACED)["objective"]
    bound = max(solver._trivial_bound(cp), value)
    gap = (bound - value) / max(1.0, abs(value))
    return {"score": decimal(f"{value:.2f}"), "bound": decimal(f"{bound:.2f}"), "gap": decimal(f"{100 * gap:.3f}")}


def test_every_case_is_a_sentence_the_engine_wrote():
    assert set(written()) == set(EXPECTED)


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_in_english_the_engine_is_shown_as_written(case):
    text = written()[case]
    assert sum(bool(pattern.match(text)) for pattern, _template in NOTES) == 1, text  # known, and by one shape
    with translation.override("en"):
        assert in_language(text) == text


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_in_swedish_the_sentence_goes_through_the_catalogue(case):
    with translation.override("sv"):
        assert in_language(written()[case]) == EXPECTED[case]()


def test_a_sentence_no_pattern_knows_is_shown_as_written():
    with translation.override("sv"):
        assert in_language("The engine learnt to say something new.") == "The engine learnt to say something new."
        assert in_language("") == ""


def engine_texts():
    """(file, line, the literal parts) of every string the engine's shown modules write, docstrings aside."""
    for path in sorted(ENGINE.glob("*.py")):
        if path.name in NOT_SHOWN:
            continue
        tree = ast.parse(path.read_text())
        skip = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Module | ast.FunctionDef | ast.ClassDef) and ast.get_docstring(node) is not None
        }
        skip |= {id(part) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr) for part in node.values}
        # explain.py's one-word reasons ("forbidden"), returned as the first of (reason, period).
        reasons = {
            id(node.value.elts[0])
            for node in ast.walk(tree)
            if isinstance(node, ast.Return) and isinstance(node.value, ast.Tuple) and node.value.elts
        }
        for node in ast.walk(tree):
            if id(node) in skip:
                continue
            if isinstance(node, ast.JoinedStr):
                parts = [part.value for part in node.values if isinstance(part, ast.Constant)]
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                parts = [node.value]
            else:
                continue
            text = "".join(parts)
            # A sentence or phrase has words; keys ("rule"), separators (", ") and the like do not count.
            if len(re.findall(r"[A-Za-z]", text)) >= 3 and (" " in text.strip() or id(node) in reasons):
                yield path.name, node.lineno, [part for part in parts if part.strip()]


def shapes():
    """What the patterns say, as plain text (regex escapes dropped), the phrases' patterns included."""
    patterns = [pattern.pattern for pattern, _template in NOTES] + [LOCK.pattern, *MINIMAL]
    return [re.sub(r"\\(.)", r"\1", pattern) for pattern in patterns]


def in_order(parts, shape):
    at = 0
    for part in parts:
        at = shape.find(part, at)
        if at < 0:
            return False
        at += len(part)
    return True


def test_every_sentence_the_engine_writes_has_a_pattern():
    known = shapes()
    texts = list(engine_texts())
    assert len(texts) > 30  # the scan finds the engine's sentences at all
    missing = [(name, line, parts) for name, line, parts in texts if not any(in_order(parts, s) for s in known)]
    assert not missing, f"engine sentences with no pattern in rotations/admin/engine_notes.py: {missing}"


def test_the_scan_would_catch_a_new_sentence():
    assert not any(in_order(["Talent ", " was never ranked by ", "."], shape) for shape in shapes())


@pytest.mark.django_db
def test_the_run_page_shows_the_notes_in_swedish_with_names(manager, matching_cohort):
    """Three periods at three different hosts, but only two hosts: the engine names both talents by UUID."""
    talents = [accepted_talent(matching_cohort, number) for number in range(2)]
    for n in range(2):
        approved_project(HostOrganizationFactory(slug=f"notes-{n}"), matching_cohort, seats=(2, 2, 2))
    run = execute_run(start_run(matching_cohort, by=manager))
    assert run.status == RunStatus.INFEASIBLE
    with translation.override("sv"):
        page = build_run_page(run)
        assert page["notes"] == [named(in_language(line), page["names"]) for line in run.explanation]
    notes = " ".join(page["notes"])
    assert all(talent.name in notes and str(talent.uuid) not in notes for talent in talents)
    with translation.override("en"):
        assert build_run_page(run)["notes"] == [named(line, page["names"]) for line in run.explanation]

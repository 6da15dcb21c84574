"""Prints the figures hardening tests record (sweep counts, the outbox fault run), also under xdist.

A test records them with request.node.user_properties.append((title, {name: number})); xdist sends
user_properties back to the controller, which prints them here after the run.
"""

TITLES = ("hostile-input sweep", "outbox under faults")


def pytest_terminal_summary(terminalreporter):
    for title in TITLES:
        lines = []
        for report in terminalreporter.stats.get("passed", []) + terminalreporter.stats.get("failed", []):
            for name, value in getattr(report, "user_properties", []):
                if name == title and report.when == "call":
                    lines.append(", ".join(f"{key}: {number}" for key, number in sorted(value.items())))
        if lines:
            terminalreporter.section(title)
            for line in sorted(lines):
                terminalreporter.write_line(line)

"""`make audit`'s reading of pip-audit's JSON: say how many packages were really checked.

pip-audit prints "No known vulnerabilities found" even when it could check nothing (the
vulnerability service unreachable, as on a machine whose network reaches only the package index),
and it crashes without writing a report when it cannot reach the index at all (no network, a
proxy that refuses, a certificate store it cannot read). This prints the true count, fails on any
known vulnerability, and says loudly when nothing was audited instead of passing it off as clean
or failing the whole `make test` over a network it does not have. AUDIT_REQUIRED=1 turns "nothing
audited" into a failure, for the machine where the audit must happen.

    python -m tests.tools.audit_report REPORT.json [PIP-AUDIT-STDERR.log]
"""

import json
import os
import sys

# What requests, urllib3, ssl and socket say when the service cannot be reached or trusted.
UNREACHABLE = (
    "ConnectionError",
    "ProxyError",
    "SSLError",
    "SSLCertVerificationError",
    "ConnectTimeout",
    "ReadTimeout",
    "Timeout",
    "NewConnectionError",
    "MaxRetryError",
    "NameResolutionError",
    "Temporary failure in name resolution",
    "Name or service not known",
    "Network is unreachable",
    "Connection refused",
    "CA certificate bundle",
    "certificate verify failed",
)

NOTHING_AUDITED = (
    "WARNING: nothing was audited: {why}. No package was checked for known vulnerabilities; "
    "run `make audit` where the service answers (AUDIT_REQUIRED=1 makes this a failure)."
)


def _last_line(text):
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else ""


def _read_log(path):
    if not path:
        return ""
    try:
        with open(path, encoding="utf-8", errors="replace") as log:
            return log.read()
    except OSError:
        return ""


def _nothing_audited(why, *, required):
    print(NOTHING_AUDITED.format(why=why))
    return 1 if required else 0


def main(path, *, log_path=None, required=False):
    """0 when nothing known is vulnerable; 1 on a vulnerability or a pip-audit that failed for another
    reason than the network. Nothing audited (the service unreachable) is a warning and 0, or 1 when
    `required` (AUDIT_REQUIRED=1 in the environment)."""
    log = _read_log(log_path)
    try:
        with open(path, encoding="utf-8") as report:
            dependencies = json.load(report)["dependencies"]
    except (OSError, ValueError, KeyError, TypeError) as error:
        reason = _last_line(log)
        if any(marker in log for marker in UNREACHABLE):
            return _nothing_audited(
                f"pip-audit could not reach the package index or its vulnerability service ({reason})",
                required=required,
            )
        tail = "\n".join(log.strip().splitlines()[-15:])
        print(f"{tail}\npip-audit failed and wrote no usable report ({reason or error}).")
        return 1
    audited = [dependency for dependency in dependencies if "skip_reason" not in dependency]
    vulnerable = [dependency for dependency in audited if dependency.get("vulns")]
    for dependency in vulnerable:
        ids = ", ".join(vuln["id"] for vuln in dependency["vulns"])
        print(f"VULNERABLE {dependency['name']} {dependency['version']}: {ids}")
    summary = f"{len(audited)} of {len(dependencies)} packages audited, {len(vulnerable)} with known vulnerabilities"
    print(f"pip-audit: {summary}.")
    if vulnerable:
        return 1
    if not audited and dependencies:
        return _nothing_audited(
            "the vulnerability service (pypi.org's per-release JSON or api.osv.dev) did not answer from this machine",
            required=required,
        )
    return 0


if __name__ == "__main__":
    log_argument = sys.argv[2] if len(sys.argv) > 2 else None
    sys.exit(main(sys.argv[1], log_path=log_argument, required=os.environ.get("AUDIT_REQUIRED") == "1"))

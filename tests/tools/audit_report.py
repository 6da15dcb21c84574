"""`make audit`'s reading of pip-audit's JSON: say how many packages were really checked.

pip-audit prints "No known vulnerabilities found" even when it could check nothing (the
vulnerability service unreachable, as on a machine whose network reaches only the package index).
This prints the true count, fails on any known vulnerability, and says loudly when nothing was
audited instead of passing it off as clean.
"""

import json
import os
import sys


def main(path, *, required=False):
    """0 when nothing known is vulnerable; 1 on a vulnerability, a missing report, or (when `required`,
    AUDIT_REQUIRED=1 in the environment) when nothing could be audited."""
    try:
        with open(path, encoding="utf-8") as report:
            dependencies = json.load(report)["dependencies"]
    except (OSError, ValueError, KeyError) as error:
        print(f"pip-audit wrote no usable report ({error}): it could not run; see its output above.")
        return 1
    audited = [dependency for dependency in dependencies if "skip_reason" not in dependency]
    vulnerable = [dependency for dependency in audited if dependency.get("vulns")]
    for dependency in vulnerable:
        ids = ", ".join(vuln["id"] for vuln in dependency["vulns"])
        print(f"VULNERABLE {dependency['name']} {dependency['version']}: {ids}")
    summary = f"{len(audited)} of {len(dependencies)} packages audited, {len(vulnerable)} with known vulnerabilities"
    print(f"pip-audit: {summary}.")
    if not audited:
        print(
            "WARNING: nothing was audited: the vulnerability service (pypi.org's per-release JSON or api.osv.dev) "
            "did not answer from this machine. Run `make audit` where it does."
        )
        if required:
            return 1
    return 1 if vulnerable else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], required=os.environ.get("AUDIT_REQUIRED") == "1"))

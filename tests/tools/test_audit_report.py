import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.tools.audit_report import main


def write(tmp_path, dependencies):
    path = tmp_path / "audit.json"
    path.write_text(json.dumps({"dependencies": dependencies, "fixes": []}))
    return path


def test_a_known_vulnerability_fails_the_audit_and_is_named(tmp_path, capsys):
    path = write(
        tmp_path,
        [
            {"name": "django", "version": "5.2.0", "vulns": [{"id": "PYSEC-2025-1", "fix_versions": ["5.2.1"]}]},
            {"name": "celery", "version": "5.7.0", "vulns": []},
        ],
    )
    assert main(path) == 1
    out = capsys.readouterr().out
    assert "VULNERABLE django 5.2.0: PYSEC-2025-1" in out and "2 of 2 packages audited, 1 with known" in out


def test_nothing_audited_is_said_not_passed_off_as_clean(tmp_path, capsys):
    path = write(tmp_path, [{"name": "celery", "skip_reason": "Dependency not found on PyPI and could not be audited"}])
    assert main(path) == 0
    out = capsys.readouterr().out
    assert "0 of 1 packages audited" in out and "WARNING: nothing was audited" in out


def test_a_clean_audit_says_how_much_it_checked(tmp_path, capsys):
    path = write(tmp_path, [{"name": "celery", "version": "5.7.0", "vulns": []}])
    assert main(path) == 0
    assert "1 of 1 packages audited, 0 with known vulnerabilities." in capsys.readouterr().out


def test_where_auditing_is_required_nothing_audited_fails(tmp_path, capsys):
    path = write(tmp_path, [{"name": "celery", "skip_reason": "Dependency not found on PyPI and could not be audited"}])
    assert main(path, required=True) == 1


def test_no_report_and_no_reason_fails_with_a_sentence_not_a_traceback(tmp_path, capsys):
    assert main(tmp_path / "missing.json") == 1
    assert "pip-audit failed and wrote no usable report" in capsys.readouterr().out


# What pip-audit leaves on standard error when it cannot reach the index (a refused proxy).
PROXY_REFUSED = """Traceback (most recent call last):
  File ".venv/lib/python3.11/site-packages/requests/adapters.py", line 723, in send
    raise ProxyError(e, request=request)
requests.exceptions.ProxyError: HTTPSConnectionPool(host='pypi.org', port=443): Max retries exceeded with url: \
/pypi/aiosmtpd/1.4.6/json (Caused by ProxyError('Unable to connect to proxy', NewConnectionError(\
"HTTPSConnection(host='127.0.0.1', port=9): Failed to establish a new connection: [Errno 111] Connection refused")))
"""


def test_an_unreachable_index_is_a_warning_not_a_failure(tmp_path, capsys):
    log = tmp_path / "pip-audit.log"
    log.write_text(PROXY_REFUSED)
    assert main(tmp_path / "missing.json", log_path=log) == 0
    out = capsys.readouterr().out
    assert "WARNING: nothing was audited: pip-audit could not reach the package index" in out
    assert "ProxyError" in out  # the reason, in one line, not the traceback


def test_where_auditing_is_required_an_unreachable_index_fails(tmp_path, capsys):
    log = tmp_path / "pip-audit.log"
    log.write_text(PROXY_REFUSED)
    assert main(tmp_path / "missing.json", log_path=log, required=True) == 1
    assert "WARNING: nothing was audited" in capsys.readouterr().out


def test_a_crash_for_another_reason_than_the_network_still_fails(tmp_path, capsys):
    log = tmp_path / "pip-audit.log"
    log.write_text("Traceback (most recent call last):\nKeyError: 'requires_dist'\n")
    assert main(tmp_path / "missing.json", log_path=log) == 1
    out = capsys.readouterr().out
    assert "KeyError: 'requires_dist'" in out and "pip-audit failed and wrote no usable report" in out


@pytest.mark.parametrize(
    "cut_off",
    [
        {"https_proxy": "http://127.0.0.1:9", "HTTPS_PROXY": "http://127.0.0.1:9"},  # nothing listens on port 9
        {"REQUESTS_CA_BUNDLE": "/nonexistent/ca-certificates.pem"},  # a certificate store it cannot read
    ],
    ids=["refused-proxy", "unreadable-certificates"],
)
def test_the_real_pip_audit_cut_off_from_the_index_passes_with_a_warning(tmp_path, cut_off):
    """`make audit`'s two steps, run for real with the network cut in two ways."""
    report, log = tmp_path / "pip-audit.json", tmp_path / "pip-audit.log"
    env = {key: value for key, value in os.environ.items() if "proxy" not in key.lower()}
    env.update(cut_off)
    pip_audit = Path(sys.executable).with_name("pip-audit")
    audit = [str(pip_audit), "--skip-editable", "--progress-spinner", "off", "--cache-dir", str(tmp_path / "cache")]
    with log.open("w") as stderr:
        subprocess.run(
            [*audit, "--format", "json", "-o", str(report)], env=env, stderr=stderr, timeout=120, check=False
        )
    result = subprocess.run(
        [sys.executable, "-m", "tests.tools.audit_report", str(report), str(log)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stdout
    assert "WARNING: nothing was audited: pip-audit could not reach" in result.stdout
    required = subprocess.run(
        [sys.executable, "-m", "tests.tools.audit_report", str(report), str(log)],
        env={**env, "AUDIT_REQUIRED": "1"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert required.returncode == 1

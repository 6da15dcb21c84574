import json

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


def test_no_report_at_all_fails_with_a_sentence_not_a_traceback(tmp_path, capsys):
    assert main(tmp_path / "missing.json") == 1
    assert "pip-audit wrote no usable report" in capsys.readouterr().out

"""Translations cannot rot (issue 16): every marked string has a Swedish translation that is neither
missing nor fuzzy, the committed catalogue holds everything `make messages` would extract today, and no
template shows a person English that is not marked for translation."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings

from tests.i18n.unmarked import unmarked, unmarked_words

ROOT = Path(settings.BASE_DIR)
CATALOGUE = ROOT / "locale" / "sv" / "LC_MESSAGES" / "django.po"
NOT_EXTRACTED = [".venv", ".git", "var", "tests", "static", "node_modules", "__pycache__", "*.mo", "test-results"]


def read_catalogue(path):
    with path.open("rb") as po:
        return read_po(po, locale="sv")


def untranslated_or_fuzzy(catalogue):
    """msgids a Swedish reader would see in English: no translation, a partial plural, or fuzzy."""
    found = []
    for message in catalogue:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            found.append(message.id if isinstance(message.id, str) else message.id[0])
    return found


def test_every_swedish_entry_is_translated_and_none_is_fuzzy():
    catalogue = read_catalogue(CATALOGUE)
    assert not catalogue.fuzzy, "the catalogue's header is marked fuzzy: Babel would not compile it"
    missing = untranslated_or_fuzzy(catalogue)
    assert not missing, f"{len(missing)} Swedish entries untranslated or fuzzy: {missing[:20]}"


def test_every_translation_keeps_the_placeholders_of_its_english():
    errors = [
        f"{message.id!r}: {error}" for message, problems in read_catalogue(CATALOGUE).check() for error in problems
    ]
    assert not errors, errors


def test_the_catalogue_holds_every_string_marked_in_the_code_today(tmp_path):
    """`make messages` on a copy of the sources: a string marked (or changed) since the catalogue was last
    extracted comes out untranslated or fuzzy there, and fails here until it is extracted and translated."""
    if shutil.which("xgettext") is None:
        pytest.fail("xgettext (Debian's gettext) is needed to extract strings; .ci/run installs it")
    # Everything `make messages` reads: the whole checkout but what it ignores, so a new app counts at once.
    shutil.copytree(ROOT, tmp_path, dirs_exist_ok=True, ignore=shutil.ignore_patterns(*NOT_EXTRACTED))
    env = {"PATH": "/usr/bin:/bin", "DEBUG": "true", "SECRET_KEY": "extraction-only", "HOME": str(tmp_path)}
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "--locale", "sv", "--add-location", "file", "--no-obsolete"],
        cwd=tmp_path,
        env=env,
        check=True,
        capture_output=True,
    )
    missing = untranslated_or_fuzzy(read_catalogue(tmp_path / "locale" / "sv" / "LC_MESSAGES" / "django.po"))
    assert not missing, f"run `make messages` and translate: {missing[:20]}"


def test_no_template_shows_english_that_is_not_marked_for_translation():
    found = unmarked()
    assert not found, "mark these for translation ({% translate %}): " + "; ".join(
        f"{path}: {snippets}" for path, snippets in found.items()
    )


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("<p>{% translate 'Saved' %}</p>", []),
        ("<p>Saved</p>", ["Saved"]),
        ('<button aria-label="Close">{% translate "x" %}</button>', ["Close"]),
        ("<input placeholder=\"{% translate 'Search' %}\">", []),
        ("{% blocktranslate %}Hello {{ name }}{% endblocktranslate %}", []),
        ("<p>{{ project.title }} · {{ count }}</p>", []),
        ("<script>const x = 'not for people';</script>", []),
        ("{% comment %}Why this is here{% endcomment %}<!-- a note -->", []),
        ("<p>Eye for AI · AI Sweden</p>", []),
        ('<input type="submit" value="Save">', ["Save"]),
        ('<input type="radio" name="fit" value="yes">', []),
        ('{{ supervisor|default:"Not named yet" }}', ["Not named yet"]),
        ('{% include "x.html" with label="Remove project" tags="entrance" %}', ["Remove project"]),
        ('{% firstof a b "Nobody" %}', ["Nobody"]),
        ('{% if stage == "under_review" %}{% endif %}', []),
    ],
)
def test_the_unmarked_check_finds_literal_english_and_nothing_else(source, expected):
    assert unmarked_words("{% load i18n %}" + source) == expected


def test_the_unmarked_check_reads_plain_text_emails_as_text():
    assert unmarked_words("{% load i18n %}Hello {{ name }},\n{% translate 'Thanks' %}", plain_text=True) == ["Hello …,"]


def test_a_release_without_the_compiled_catalogue_does_not_start(settings, tmp_path):
    from eyeforai.http.checks import catalogue_compiled  # noqa: PLC0415 - the check under test

    settings.DEBUG = False
    messages = tmp_path / "sv" / "LC_MESSAGES"
    messages.mkdir(parents=True)
    (messages / "django.po").write_text(CATALOGUE.read_text())
    settings.LOCALE_PATHS = [tmp_path]
    assert [error.id for error in catalogue_compiled(None)] == ["eyeforai_http.E002"]

    subprocess.run(
        [Path(sys.executable).with_name("pybabel"), "--quiet", "compile", "-d", tmp_path, "-D", "django"], check=True
    )
    assert catalogue_compiled(None) == []

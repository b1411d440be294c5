"""The Nu HTML checker (vnu.jar, pinned in package-lock.json) on every page any role reaches, admin included: 0
errors in the HTML as served and in the document after its scripts ran."""

import json
import subprocess
from pathlib import Path

import pytest

from delegates.demo import DEMO_PASSWORD
from tests.browser import ARTIFACTS, chromium, log_in
from tests.test_browser_a11y import admin_pages, site_pages

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Installed by `make test` (npm ci); a missing copy fails the test, never skips it. Runs on the machine's Java.
VNU = Path(__file__).resolve().parent.parent / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def check(files):
    """{file name: [error message with line]} from one run of the checker over all files."""
    result = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, files)],
                            capture_output=True, text=True, timeout=600)
    errors = {}
    for message in json.loads(result.stderr or result.stdout)["messages"]:
        errors.setdefault(Path(message["url"].removeprefix("file:")).name, []).append(
            f"{message.get('lastLine')}: {message['message']}")
    return errors


def test_the_checker_sees_an_error():
    """The control: the checker runs, and reports what the project's pages must not contain."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        bad = Path(folder) / "bad.html"
        bad.write_text('<!doctype html><html lang="en"><head><title>x</title></head>'
                       '<body><span aria-label="seat">·</span></body></html>')
        assert [message.split(": ", 1)[1][:60] for message in check([bad])["bad.html"]] == [
            "The “aria-label” attribute must not be specified on any “spa"]


def test_every_page_of_every_role_is_valid_html_before_and_after_its_scripts(server_url, demo_guides, tmp_path):
    reader_pages = {"delegate.nigeria": [demo_guides["ga3"].get_absolute_url(), "/c/demo/search/?q=palermo"],
                    "organizer": [g.get_absolute_url() for g in demo_guides.values() if g.topic.committee.conference.slug == "demo"]}
    roles = {}
    for pages in (site_pages(demo_guides), admin_pages(demo_guides), reader_pages):
        for username, paths in pages.items():
            roles.setdefault(username, []).extend(paths)
    files, names = [], {}
    with chromium() as browser:
        for username, paths in roles.items():
            context = browser.new_context(viewport={"width": 1280, "height": 860})
            page = context.new_page()
            if username:
                log_in(page, server_url, username, DEMO_PASSWORD)
            for index, path in enumerate(paths):
                response = page.goto(server_url + path)
                page.wait_for_load_state("networkidle")
                stem = f"{username or 'anonymous'}-{index:02d}"
                served, after = tmp_path / f"{stem}-served.html", tmp_path / f"{stem}-after-js.html"
                served.write_text(response.text())
                after.write_text(page.content())
                files += [served, after]
                names[served.name], names[after.name] = f"{stem} {path} (served)", f"{stem} {path} (after JS)"
            context.close()
    assert len(files) == 2 * sum(len(paths) for paths in roles.values()) >= 100
    errors = check(files)
    ARTIFACTS.mkdir(exist_ok=True)  # what the checker said, for whoever reads a failure
    (ARTIFACTS / "vnu-errors.json").write_text(json.dumps(
        {names[name]: messages for name, messages in errors.items()}, indent=1, ensure_ascii=False))
    assert {names[name]: messages for name, messages in errors.items()} == {}

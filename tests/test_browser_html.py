"""axe-core (at 390 and 1280 px) and the Nu HTML checker (vnu.jar, pinned in package-lock.json) on every page any role
reaches, admin included: no critical or serious violation, and 0 checker
errors in the HTML as served and in the document after its scripts ran."""

import json
import subprocess
from pathlib import Path

import pytest

from delegates.demo import DEMO_PASSWORD
from tests.browser import ARTIFACTS, chromium, log_in
from tests.test_browser_a11y import violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Installed by `make test` (npm ci); a missing copy fails the test, never skips it. Runs on the machine's Java.
VNU = Path(__file__).resolve().parent.parent / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def dais_of(username):
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    committee = get_user_model().objects.get(username=username).chaired_committees.first()
    return reverse("dais_inbox", args=[committee.conference.slug, committee.slug, committee.topics.first().guide.pk])


def site_pages(demo_guides):
    """Every page outside the admin that each role reaches, by the account that reaches it."""
    from delegates.models import DelegateProfile

    guide = demo_guides["specon"]
    committee = guide.topic.committee
    seat = DelegateProfile.objects.filter(conference__slug="demo").first()
    papers_of_usa = _a_returned_paper(guide)
    return {
        None: ["/", "/accounts/login/", "/accounts/password_reset/", "/accounts/password_reset/done/",
               "/accounts/reset/done/", "/c/demo/", f"/c/demo/{committee.slug}/",
               "/accounts/welcome/1/MQ/bad-token/", "/c/no-such-conference/"],
        "delegate.usa": ["/", "/accounts/profile/", "/notes/", "/notes/pdf/", guide.get_absolute_url() + "changes/?since=1",
                         "/accounts/password_change/", "/accounts/password_change/done/", papers_of_usa["paper"]],
        "amy.lie": ["/", dais_of("amy.lie")],
        "organizer": ["/", "/c/demo/organize/", "/c/demo/organize/people/", "/c/demo/organize/roster/",
                      "/c/demo/organize/chairs/", "/c/demo/organize/organizers/", "/c/demo/organize/delegations/",
                      "/c/demo/organize/delegations/plan/", f"/c/demo/organize/delegates/{seat.pk}/seat/",
                      "/c/demo/exports/", "/c/demo/organize/papers/", "/c/demo/organize/papers/pdf/",
                      papers_of_usa["inbox"], papers_of_usa["review"]],
    }


def _a_returned_paper(guide):
    """delegate.usa's paper on guide, scored against a rubric and returned: its pages show every part."""
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    from delegates import papers
    from delegates.models import RubricCriterion

    User = get_user_model()
    delegate = User.objects.get(username="delegate.usa")
    criterion = RubricCriterion.objects.create(conference=guide.topic.committee.conference, name="Research",
                                               max_points=10, description="Sources beyond the guide")
    papers.paper_submit(user=delegate, guide=guide, draft="# Our position\n\nText [@" +
                        guide.sources.first().key + "].")
    version = papers.paper_submit(user=delegate, guide=guide, draft="# Our position\n\nBetter text.")
    papers.paper_review(version=version, by=User.objects.get(username="organizer"), points={str(criterion.pk): "7"},
                        comments="Good.", give_back=True)
    committee = guide.topic.committee
    args = [committee.conference.slug, committee.slug, guide.pk]
    return {"paper": reverse("paper_edit", args=args), "inbox": reverse("papers_inbox", args=args),
            "review": reverse("paper_review", args=[*args, version.pk])}


def admin_pages(demo_guides):
    """The authoring pages chairs and organizers use, with the demo's objects."""
    from django.contrib.auth import get_user_model

    from guides.importer import import_document
    from guides.services import guide_import_prepare

    guide = demo_guides["specon"]
    committee = guide.topic.committee
    base = f"/admin/guides/studyguide/{guide.pk}"
    chair = get_user_model().objects.get(username="amy.lie")
    chaired = chair.chaired_committees.first()
    chair_guide = chaired.topics.first().guide
    upload = guide_import_prepare(result=import_document(b"# Introduction\n\nImported text.\n", "g.md"),
                                  committee=chaired, guide=chair_guide, topic_title=chair_guide.title,
                                  filename="g.md", by=chair)
    chair_base = f"/admin/guides/studyguide/{chair_guide.pk}"
    get_user_model().objects.create_superuser("operator", "operator@example.org", DEMO_PASSWORD)
    return {
        "organizer": ["/admin/", "/admin/guides/studyguide/", f"{base}/change/", f"{base}/change/?all=1",
                      f"{base}/editor/", f"{base}/publish/", f"{base}/revisions/", f"{base}/import/",
                      "/admin/guides/studyguide/import/", "/admin/guides/studyguide/add/",
                      f"/admin/guides/committee/{committee.pk}/change/", "/admin/guides/committee/",
                      f"/admin/guides/conference/{committee.conference.pk}/change/", "/admin/guides/conference/",
                      "/admin/guides/topic/", f"/admin/guides/topic/{guide.topic.pk}/change/",
                      "/admin/password_change/"],
        # The instance operator's own pages (users, groups, logs, tasks, conferences).
        "operator": ["/admin/auth/user/", f"/admin/auth/user/{chair.pk}/change/",
                     f"/admin/auth/user/{chair.pk}/password/", "/admin/auth/user/add/", "/admin/auth/group/",
                     "/admin/auth/group/add/", "/admin/axes/accessattempt/", "/admin/axes/accesslog/",
                     "/admin/axes/accessfailurelog/", "/admin/django_tasks_database/dbtaskresult/",
                     "/admin/guides/conference/add/", f"/admin/guides/conference/{committee.conference.pk}/delete/"],
        "amy.lie": ["/admin/", f"{chair_base}/change/?all=1", f"{chair_base}/editor/", f"{chair_base}/publish/",
                    f"{chair_base}/revisions/", f"/admin/guides/studyguide/import/{upload.token}/"],
    }


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


def test_every_page_of_every_role_passes_axe_at_390_and_1280_px_and_the_html_checker(server_url, demo_guides,
                                                                                      tmp_path):
    """Every page outside and inside the admin, by the account that reaches it: axe-core finds no critical or
    serious violation at 1280 and at 390 px; the HTML as served and after its scripts ran has no checker error."""
    reader_pages = {"delegate.nigeria": [demo_guides["ga3"].get_absolute_url(), "/c/demo/search/?q=palermo"],
                    "organizer": [g.get_absolute_url() for g in demo_guides.values()
                                  if g.topic.committee.conference.slug == "demo"]}
    roles = {}
    for pages in (site_pages(demo_guides), admin_pages(demo_guides), reader_pages):
        for username, paths in pages.items():
            roles.setdefault(username, []).extend(paths)
    files, names, found = [], {}, {}
    with chromium() as browser:
        for username, paths in roles.items():
            context = browser.new_context(viewport={"width": 1280, "height": 860})
            page = context.new_page()
            if username:
                log_in(page, server_url, username, DEMO_PASSWORD)
            for index, path in enumerate(paths):
                page.set_viewport_size({"width": 1280, "height": 860})
                response = page.goto(server_url + path)
                assert response.status == (404 if "no-such" in path else 200), path
                if username and page.locator("article[data-notes-api]").count():
                    page.wait_for_selector(".bookmark")  # notes.js has loaded the reader's notes
                stem = f"{username or 'anonymous'}-{index:02d}"
                served, after = tmp_path / f"{stem}-served.html", tmp_path / f"{stem}-after-js.html"
                served.write_text(response.text())
                after.write_text(page.content())  # before axe is added to the page
                found[(username, path, 1280)] = violations(page)
                page.set_viewport_size({"width": 390, "height": 860})  # the same page on a phone
                found[(username, path, 390)] = violations(page)
                files += [served, after]
                names[served.name], names[after.name] = f"{stem} {path} (served)", f"{stem} {path} (after JS)"
            context.close()
    assert len(files) == 2 * sum(len(paths) for paths in roles.values()) >= 100
    errors = check(files)
    ARTIFACTS.mkdir(exist_ok=True)  # what the checker said, for whoever reads a failure
    (ARTIFACTS / "vnu-errors.json").write_text(json.dumps(
        {names[name]: messages for name, messages in errors.items()}, indent=1, ensure_ascii=False))
    assert found == {key: [] for key in found}
    assert {names[name]: messages for name, messages in errors.items()} == {}

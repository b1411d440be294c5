"""axe-core on every reader state, on a phone and a desktop: no critical or serious violation."""

from pathlib import Path

import pytest

from delegates.demo import DEMO_PASSWORD
from tests.browser import chromium, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Installed by `make test` (npm ci, pinned in package-lock.json); a missing copy fails the test, never skips it.
AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture
def demo(demo_guides):
    return demo_guides["ga3"]


def violations(page):
    page.add_script_tag(content=AXE.read_text())
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]
            if v["impact"] in ("critical", "serious")]


@pytest.mark.parametrize("width", [390, 1280])
def test_the_reader_has_no_critical_or_serious_violations_in_any_state(server_url, demo, width):
    with chromium() as browser:
        context = browser.new_context(viewport={"width": width, "height": 860}, has_touch=width == 390)
        page = context.new_page()
        log_in(page, server_url, "delegate.nigeria", DEMO_PASSWORD)
        found = {}
        page.goto(server_url + demo.get_absolute_url())
        page.wait_for_selector(".bookmark")
        found["reader"] = violations(page)
        marker = page.locator(".term").first
        marker.scroll_into_view_if_needed()
        marker.tap() if width == 390 else marker.focus()
        found["popup open"] = violations(page)
        page.keyboard.press("Escape")
        page.evaluate("""() => { const p = document.querySelector('.prose[data-section]');
            const r = document.createRange(); r.selectNodeContents(p.querySelector('p'));
            getSelection().removeAllRanges(); getSelection().addRange(r); }""")
        page.keyboard.press("Alt+KeyH")
        page.wait_for_selector(".hl-dialog[open]")
        found["notes dialog"] = violations(page)
        page.keyboard.press("Escape")
        page.click(".offline button")
        page.wait_for_function("document.querySelector('.offline-state').textContent.startsWith('Saved for offline')")
        context.set_offline(True)
        page.reload()
        page.wait_for_function("document.querySelector('.offline-state').textContent.startsWith('You are offline')")
        found["offline"] = violations(page)
        context.set_offline(False)
        page.fill("#find-q", "Palermo")
        page.wait_for_function("document.getElementById('find-count').textContent.includes(' of ')")
        found["find"] = violations(page)
        page.goto(server_url + f"/c/{demo.topic.committee.conference.slug}/search/?q=palermo")
        found["search"] = violations(page)
        page.goto(server_url + "/notes/")
        found["my notes"] = violations(page)
        context.close()
    assert found == {state: [] for state in found}


def site_pages(demo_guides):
    """Every page outside the admin that each role reaches, by the account that reaches it."""
    from delegates.models import DelegateProfile

    guide = demo_guides["specon"]
    committee = guide.topic.committee
    seat = DelegateProfile.objects.filter(conference__slug="demo").first()
    return {
        None: ["/", "/accounts/login/", "/accounts/password_reset/", "/c/demo/", f"/c/demo/{committee.slug}/",
               "/accounts/welcome/1/MQ/bad-token/"],
        "delegate.usa": ["/", "/accounts/profile/", "/notes/", "/notes/pdf/", guide.get_absolute_url() + "changes/",
                         "/accounts/password_change/"],
        "amy.lie": ["/"],
        "organizer": ["/", "/c/demo/organize/", "/c/demo/organize/people/", "/c/demo/organize/roster/",
                      "/c/demo/organize/chairs/", "/c/demo/organize/organizers/", "/c/demo/organize/delegations/",
                      "/c/demo/organize/delegations/plan/", f"/c/demo/organize/delegates/{seat.pk}/seat/",
                      "/c/demo/exports/"],
    }


@pytest.mark.parametrize("width", [390, 1280])
def test_every_site_page_of_every_role_has_no_critical_or_serious_violations(server_url, demo_guides, width):
    found = {}
    with chromium() as browser:
        for username, paths in site_pages(demo_guides).items():
            context = browser.new_context(viewport={"width": width, "height": 860})
            page = context.new_page()
            if username:
                log_in(page, server_url, username, DEMO_PASSWORD)
            for path in paths:
                page.goto(server_url + path)
                found[(username, path)] = violations(page)
            context.close()
    assert len(found) == 23
    assert found == {key: [] for key in found}


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
    return {
        "organizer": ["/admin/", "/admin/guides/studyguide/", f"{base}/change/", f"{base}/change/?all=1",
                      f"{base}/editor/", f"{base}/publish/", f"{base}/revisions/", f"{base}/import/",
                      "/admin/guides/studyguide/import/", "/admin/guides/studyguide/add/",
                      f"/admin/guides/committee/{committee.pk}/change/", "/admin/guides/committee/",
                      f"/admin/guides/conference/{committee.conference.pk}/change/", "/admin/guides/conference/",
                      "/admin/guides/topic/", f"/admin/guides/topic/{guide.topic.pk}/change/",
                      "/admin/password_change/"],
        "amy.lie": ["/admin/", f"{chair_base}/change/?all=1", f"{chair_base}/editor/", f"{chair_base}/publish/",
                    f"{chair_base}/revisions/", f"/admin/guides/studyguide/import/{upload.token}/"],
    }


@pytest.mark.parametrize("width", [390, 1280])
def test_every_admin_page_chairs_and_organizers_use_has_no_critical_or_serious_violations(server_url, demo_guides,
                                                                                          width):
    found = {}
    with chromium() as browser:
        for username, paths in admin_pages(demo_guides).items():
            context = browser.new_context(viewport={"width": width, "height": 860})
            page = context.new_page()
            log_in(page, server_url, username, DEMO_PASSWORD)
            for path in paths:
                response = page.goto(server_url + path)
                assert response.status == 200, path
                found[(username, path)] = violations(page)
            context.close()
    assert len(found) == 23
    assert found == {key: [] for key in found}

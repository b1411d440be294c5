"""Conference, committee and reader pages render for the people who may see them."""

from django.urls import reverse

from guides.services import guide_publish


def test_conference_page_lists_committees_and_links_visible_guides(client, world):
    guide_publish(guide=world["guide_a"])
    client.force_login(world["chair_b"])
    page = client.get(reverse("conference", args=["demo"])).content.decode()
    assert "Committee GA1 (GA1)" in page and "Committee GA2 (GA2)" in page
    assert f'href="{world["guide_a"].get_absolute_url()}"' in page  # published, chair_b is a member
    assert f'href="{world["guide_b"].get_absolute_url()}"' in page  # own draft
    assert "Chairs: Ada Chair" in page


def test_committee_page_shows_topics_without_links_to_hidden_guides(client, world):
    page = client.get(reverse("committee", args=["demo", "ga2"])).content.decode()
    assert "Topic B" in page
    assert world["guide_b"].get_absolute_url() not in page


def test_reader_shows_draft_banner_to_its_chair_and_sends_logged_out_visitors_to_log_in(client, world):
    url = world["guide_a"].get_absolute_url()
    assert client.get(url)["Location"] == f"/accounts/login/?next={url}"
    # Any guide address, existing or not: nothing is revealed by the redirect.
    assert client.get("/c/demo/ga1/guide/999999/")["Location"] == "/accounts/login/?next=/c/demo/ga1/guide/999999/"
    client.force_login(world["chair_a"])
    page = client.get(url).content.decode()
    assert "Working copy (revision 2) — delegates cannot see this guide yet." in page
    assert '<h2 id="section-' in page and "Intro A</h2>" in page


def test_not_found_and_server_error_pages_are_in_the_site_design(client, db, rf):
    from django.views.defaults import server_error

    response = client.get("/no/such/page/")
    page = response.content.decode()
    assert (response.status_code, "<h1>Page not found</h1>" in page, 'class="site-header"' in page) == (404, True, True)
    error = server_error(rf.get("/"))
    assert error.status_code == 500
    assert "<h1>Something went wrong</h1>" in error.content.decode()

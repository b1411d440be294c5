"""Cached PDF download benchmark: a delegate downloading the largest demo guide's PDF (already rendered, so it is
served from storage through a signed link) against the same bytes served as a static file by WhiteNoise.
Target: ratio ≤ 2. Also the whole download (the permission-checked page's redirect, then the link) against a
minimal view that loads the same session and user.

Both go through the whole middleware stack with the same logged-in session; interleaved (A, B, A, B, ...),
median of RUNS, whole body read each time.

Run: .venv/bin/python bench/pdf_download.py   (temporary SQLite database and media folder)
"""

import os
from pathlib import Path

from common import interleaved, load_demo, setup, size

tmp = setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.files.storage import default_storage  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from guides import pdf  # noqa: E402
from guides.models import StudyGuide  # noqa: E402

RUNS = 30


def main():
    load_demo()
    guide = max(StudyGuide.objects.select_related("topic__committee__conference"), key=size)
    cached = pdf.guide_pdf(guide, guide.published_revision)  # rendered once here; every download is cached
    data = default_storage.open(cached.name, "rb").read()
    static = Path(settings.STATIC_ROOT) / "bench" / "same-size.pdf"
    static.parent.mkdir(parents=True, exist_ok=True)
    static.write_bytes(data)  # before the first request, so WhiteNoise finds it when it starts

    delegate = get_user_model().objects.get(delegate_profiles__committee=guide.topic.committee)
    client = Client()
    client.force_login(delegate)
    committee = guide.topic.committee
    url = reverse("guide_pdf", args=[committee.conference.slug, committee.slug, guide.pk])

    def get(path, follow=False):
        def run():
            response = client.get(path, follow=follow)
            body = b"".join(response.streaming_content)
            assert response.status_code == 200 and len(body) == len(data), (path, response.status_code, len(body))
        return run

    # The download is two requests: the permission-checked page (which finds the cached PDF by its revision and
    # answers with a signed link) and the signed link, which needs no session and no query.
    from guides.views import signed_file_url

    def signed():
        return get(signed_file_url(cached.name, pdf.guide_pdf_filename(guide), "application/pdf"))()

    # A baseline: the same file from a minimal view that loads the same session and user.
    from django.http import FileResponse
    from django.urls import clear_url_caches, path

    from mlmun import urls

    urls.urlpatterns.insert(0, path("bench-file/", lambda request: FileResponse(
        default_storage.open(cached.name, "rb"), content_type="application/pdf") if request.user.is_authenticated
        else None))
    clear_url_caches()
    results = interleaved({"signed": signed, "static": get("/static/bench/same-size.pdf"),
                           "whole": get(url, follow=True), "session": get("/bench-file/")}, runs=RUNS)
    ms = {k: v * 1000 for k, v in results.items()}
    print(f"{guide.title} ({len(data) / 1024:.0f} KB), {RUNS} runs each, interleaved, medians:")
    print(f"  cached PDF from its signed link:                  {ms['signed']:.2f} ms")
    print(f"  static file, same size (WhiteNoise):              {ms['static']:.2f} ms  ratio {ms['signed'] / ms['static']:.2f}"
          " (target ≤ 2)")
    print(f"  whole download (permission check + signed link):  {ms['whole']:.2f} ms  ratio to static "
          f"{ms['whole'] / ms['static']:.2f}")
    print(f"  same file from a minimal view with the session:   {ms['session']:.2f} ms  whole download ÷ this "
          f"{ms['whole'] / ms['session']:.2f}")


if __name__ == "__main__":
    os.chdir(tmp)
    main()

"""Cached PDF download benchmark: a delegate downloading the largest demo guide's PDF (already rendered, so it is
served from storage) against the same bytes served as a static file by WhiteNoise. Target: ratio ≤ 2.

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

    def get(path):
        def run():
            response = client.get(path)
            body = b"".join(response.streaming_content)
            assert response.status_code == 200 and len(body) == len(data), (path, response.status_code, len(body))
        return run

    # A second baseline: the same file from a minimal view that loads the same session and user.
    from django.http import FileResponse
    from django.urls import clear_url_caches, path

    from mlmun import urls

    urls.urlpatterns.insert(0, path("bench-file/", lambda request: FileResponse(
        default_storage.open(cached.name, "rb"), content_type="application/pdf") if request.user.is_authenticated
        else None))
    clear_url_caches()
    results = interleaved({"pdf": get(url), "static": get("/static/bench/same-size.pdf"),
                           "session": get("/bench-file/")}, runs=RUNS)
    pdf_ms, static_ms, session_ms = (results[k] * 1000 for k in ("pdf", "static", "session"))
    print(f"{guide.title} ({len(data) / 1024:.0f} KB), {RUNS} runs each, interleaved, medians:")
    print(f"  cached guide PDF download:                        {pdf_ms:.2f} ms")
    print(f"  static file, same size (WhiteNoise):              {static_ms:.2f} ms  ratio {pdf_ms / static_ms:.2f}"
          " (target ≤ 2)")
    print(f"  same file from a minimal view with the session:   {session_ms:.2f} ms  ratio {pdf_ms / session_ms:.2f}")


if __name__ == "__main__":
    os.chdir(tmp)
    main()

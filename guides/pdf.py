"""PDF rendering with WeasyPrint that fetches nothing outside our own static and media files."""

import mimetypes
import os
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

# Sent as the base URL of every document, so relative /static/ and /media/ links resolve to it.
LOCAL_BASE = "https://mlmun.invalid/"


class LocalOnlyURLFetcher(URLFetcher):
    """Serves data: URLs and files under STATIC/MEDIA (resolved real paths inside those folders).

    Everything else (http, https, file elsewhere, attachments) is refused; WeasyPrint then renders
    without it. WeasyPrint 70 needs a URLFetcher subclass here, not a plain function.
    """

    def __init__(self):
        super().__init__(allowed_protocols={"data", "https"}, allow_redirects=False, timeout=1)
        self.refused = []

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        path = self.local_path(url)
        if path is None:
            self.refused.append(url)
            raise ValueError(f"mlmun fetches no URL outside its own static and media files: {url}")
        mime, _ = mimetypes.guess_type(path.name)
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": mime or "application/octet-stream"})

    @staticmethod
    def local_path(url):
        parts = urlsplit(url)
        if f"{parts.scheme}://{parts.netloc}/" != LOCAL_BASE:
            return None
        path = unquote(parts.path)
        static_prefix = "/" + settings.STATIC_URL.strip("/") + "/"
        if path.startswith(static_prefix):
            relative = path[len(static_prefix):]
            found = finders.find(relative) or os.path.join(settings.STATIC_ROOT, relative)
            roots = [Path(settings.STATIC_ROOT).resolve(), *[Path(d).resolve() for d in settings.STATICFILES_DIRS]]
        elif path.startswith(settings.MEDIA_URL):
            found = os.path.join(settings.MEDIA_ROOT, path[len(settings.MEDIA_URL):])
            roots = [Path(settings.MEDIA_ROOT).resolve()]
        else:
            return None
        real = Path(found).resolve()
        if not real.is_file() or not any(real.is_relative_to(root) for root in roots):
            return None
        return real


def html_to_pdf(html, stylesheets=None):
    fetcher = LocalOnlyURLFetcher()
    document = HTML(string=html, base_url=LOCAL_BASE, url_fetcher=fetcher)
    return document.write_pdf(stylesheets=stylesheets)

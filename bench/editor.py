"""Editor benchmark: the guide editor's page and one part's autosave, against the classic admin change page
and its save, on the largest demo guide (target: editor page and part save under 0.5 s).

Interleaved in one run (A, B, A, B, ...), medians of RUNS, as ratios; absolute times printed too.

Run: .venv/bin/python bench/editor.py   (temporary SQLite database)
"""

import json
import sys
from pathlib import Path

from common import interleaved, load_demo, setup, size

setup()

from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from guides.models import StudyGuide  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.admin_forms import guide_form_data  # noqa: E402

RUNS = 5


def main():
    load_demo()
    guide = max(StudyGuide.objects.all(), key=size)
    chair = guide.topic.committee.chairs.first()
    client = Client()
    client.force_login(chair)
    editor_url = reverse("admin:guides_studyguide_editor", args=[guide.pk])
    change_url = reverse("admin:guides_studyguide_change", args=[guide.pk])
    section = guide.sections.order_by("order").first()
    counter = {"n": 0}

    def get(url):
        response = client.get(url)
        assert response.status_code == 200, response.status_code

    def part_save():
        section.refresh_from_db()
        original = {"heading": section.heading, "kind": section.kind, "arrangement": section.arrangement,
                    "body": section.body}
        counter["n"] += 1
        body = original["body"].rstrip(".0123456789 ") + f" {counter['n']}."
        response = client.post(reverse("admin:guides_studyguide_editor_save", args=[guide.pk, section.pk]),
                               json.dumps({**original, "body": body, "original": original}),
                               content_type="application/json")
        assert response.status_code == 200, response.content

    def page_save():
        data = guide_form_data(guide)
        counter["n"] += 1
        key = next(k for k in data if k.startswith("sections-") and k.endswith("-body"))
        data[key] = data[key].rstrip(".0123456789 ") + f" {counter['n']}."
        response = client.post(change_url, data)
        assert response.status_code == 302, response.status_code

    fields = sum(1 for k in guide_form_data(guide) if not k.endswith(("-id", "-guide", "_FORMS")))
    loads = interleaved({"editor": lambda: get(editor_url), "change page": lambda: get(change_url)}, RUNS)
    saves = interleaved({"part save": part_save, "page save": page_save}, RUNS)
    print(f"Largest demo guide “{guide.title}” ({size(guide):,} characters, {fields} fields on the change page):")
    print(f"  editor page {loads['editor'] * 1000:.0f} ms vs change page {loads['change page'] * 1000:.0f} ms "
          f"(ratio {loads['editor'] / loads['change page']:.2f})")
    print(f"  part autosave {saves['part save'] * 1000:.0f} ms vs page save {saves['page save'] * 1000:.0f} ms "
          f"(ratio {saves['part save'] / saves['page save']:.2f}); target under 500 ms each for the editor")


if __name__ == "__main__":
    main()

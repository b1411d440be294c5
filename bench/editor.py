"""Editor benchmark on the largest demo guide: the guide editor's page and one part's autosave, the guide's
change page (its settings) and its save, against the long form with every part on one page (?all=1) and its save
(target: editor, change page and their saves under 0.5 s).

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
    long_url = change_url + "?all=1"
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

    def long_save():
        data = guide_form_data(guide)
        counter["n"] += 1
        key = next(k for k in data if k.startswith("sections-") and k.endswith("-body"))
        data[key] = data[key].rstrip(".0123456789 ") + f" {counter['n']}."
        response = client.post(long_url, data)
        assert response.status_code == 302, response.status_code

    def settings_save():
        guide.refresh_from_db()
        counter["n"] += 1
        response = client.post(change_url, {"topic": guide.topic_id, "subtitle": f"Background guide {counter['n']}",
                                            "base_revision": guide.revision, "_save": "Save"})
        assert response.status_code == 302, response.status_code

    fields = sum(1 for k in guide_form_data(guide) if not k.endswith(("-id", "-guide", "_FORMS")))
    loads = interleaved({"editor": lambda: get(editor_url), "change page": lambda: get(change_url),
                         "long form": lambda: get(long_url)}, RUNS)
    saves = interleaved({"part save": part_save, "settings save": settings_save, "long save": long_save}, RUNS)
    ms = lambda seconds: f"{seconds * 1000:.0f} ms"  # noqa: E731
    print(f"Largest demo guide “{guide.title}” ({size(guide):,} characters, {fields} fields on the long form), "
          f"{RUNS} runs each, interleaved, medians:")
    print(f"  loads: editor {ms(loads['editor'])}, change page {ms(loads['change page'])}, long form "
          f"{ms(loads['long form'])}; editor ÷ long form {loads['editor'] / loads['long form']:.2f}, "
          f"change page ÷ long form {loads['change page'] / loads['long form']:.2f}")
    print(f"  saves: part autosave {ms(saves['part save'])}, settings {ms(saves['settings save'])}, long form "
          f"{ms(saves['long save'])}; part ÷ long {saves['part save'] / saves['long save']:.2f}")
    print("  target: editor, change page and their saves under 500 ms")


if __name__ == "__main__":
    main()

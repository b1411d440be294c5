"""manage.py import_guide FILE --committee CONFERENCE/COMMITTEE --topic "Title" [--dry-run] [--json]"""

import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from guides.importer import ImportRefused, import_document
from guides.models import Committee, StudyGuide, Topic
from guides.services import guide_create, guide_import_apply


class Command(BaseCommand):
    help = ("Import a guide (.docx, .odt, .md, .txt) into a committee's topic as a new working copy (a draft "
            "until published). The topic is created when the committee has none of that title.")

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--committee", required=True, help="CONFERENCE_SLUG/COMMITTEE_SLUG")
        parser.add_argument("--topic", help="The topic's title (default: the document's title)")
        parser.add_argument("--dry-run", action="store_true", help="Read and report; write nothing.")
        parser.add_argument("--json", action="store_true", help="Print only one JSON object with the counts.")

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        conference_slug, _, committee_slug = options["committee"].partition("/")
        committee = Committee.objects.filter(conference__slug=conference_slug, slug=committee_slug).first()
        if committee is None:
            raise CommandError(f"No committee {options['committee']} (give CONFERENCE_SLUG/COMMITTEE_SLUG).")
        try:
            result = import_document(path.read_bytes(), path.name)
        except ImportRefused as error:
            raise CommandError(str(error)) from None
        title = (options["topic"] or result.title or path.stem).strip()[:300]
        if not options["dry_run"]:
            try:
                with transaction.atomic():
                    topic, _ = Topic.objects.get_or_create(committee=committee, title=title,
                                                           defaults={"order": committee.topics.count() + 1})
                    guide = StudyGuide.objects.filter(topic=topic).first() or guide_create(topic=topic, by=None)
                    guide_import_apply(guide=guide, result=result, by=None)
            except ValidationError as error:
                raise CommandError(" ".join(error.messages)) from None
        counts = {**result.counts(), "warnings": result.warnings}
        if options["json"]:
            self.stdout.write(json.dumps(counts))
            return
        verb = "Would import" if options["dry_run"] else "Imported"
        self.stdout.write(f"{verb} “{title}” into {committee.abbreviation}: " + ", ".join(
            f"{value} {name.replace('_', ' ')}" for name, value in counts.items() if name != "warnings"))
        for warning in result.warnings:
            self.stdout.write(f"  warning: {warning}")
        if not options["dry_run"]:
            self.stdout.write("It is a draft working copy: review it in the admin and publish it when ready.")

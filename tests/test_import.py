"""Importing an existing guide: documents shaped like the five seeds (../shared/seeds), as Markdown, Word and text,
read into exactly the parts they hold; bad files refused; nothing written unless the whole import succeeds."""

import html
import io
import json
import subprocess
import zipfile

import pypandoc
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils.html import strip_tags
from PIL import Image

from guides import importer, revisions
from guides.models import Figure, GuideImport, StudyGuide, Topic
from guides.services import guide_publish
from tests.conftest import make_guide

# Shaped like seed 002 (CCPCJ): key terms as sub-headings with a definition, parties as sub-headings,
# a timeline of "year event" lines, a bibliography list, and Markdown footnotes (one cited twice).
CCPCJ_MD = """---
title: Strengthening coordination of efforts to combat human trafficking
---

# Introduction

Trafficking is among the fastest growing crimes.[^1] It touches every region.[^2]

# Definition of Key Terms

## Human trafficking

Recruiting or moving people by force or deceit to exploit them.[^1]

## Action-Means-Purpose Model

A way to identify trafficking from three elements.

## Sexual exploitation

Profiting from the sexual abuse of another person.

## Commercial sex act

Any sex act for which something of value is given.

## Forced labour

Work exacted under threat of a penalty.

## Debt bondage

Work demanded to repay a debt that never ends.

# General Overview

## Principal types

- Sexual exploitation
- Forced labour
  - in agriculture
  - in domestic work

| Region | Share |
|--------|-------|
| Europe | 26 % |

# Major Parties Involved

## United Nations Office on Drugs and Crime (UNODC)

Guardian of the Palermo Protocol.[^3]

## International Labour Organisation (ILO)

Sets labour standards.

## ICAT

Coordinates UN agencies.

## Thailand & Philippines

Both source and destination countries.

# Timeline of Key Events

- 2000: Palermo Protocol adopted
- December 10th, 1948: Universal Declaration of Human Rights
- March 2007: UN.GIFT launched
- 10/12/2010: UN Voluntary Trust Fund set up

# Previous Attempts to Solve the Issue

The Global Plan of Action (2010) *asked* states to act. > quoted

# Possible Solutions

1. Train border officials.
2. Fund shelters.

# Bibliography

- UNODC. "Global Report on Trafficking in Persons 2020." 2021, https://www.unodc.org/glotip2020.
- International Labour Organization. "Forced Labour Convention." 1930.

[^1]: UNODC. "Global Report on Trafficking in Persons 2020." 2021, https://www.unodc.org/glotip2020.
[^2]: https://www.ilo.org/global/topics/forced-labour
[^3]: UNODC. "About the Protocol." 12 March 2019, https://www.unodc.org/protocol. Accessed 3 January 2024.
"""

CCPCJ_COUNTS = {"sections": 4, "key_terms": 6, "timeline_events": 4, "stakeholders": 4, "sources": 4,
                "citations": 4, "questions": 0, "figures": 0}


def convert(markdown, to, tmp_path, *, image=None):
    """A test document made by pandoc from Markdown (real Word footnotes and tables)."""
    source = tmp_path / "in.md"
    source.write_text(markdown)
    if image:
        Image.new("RGB", (30, 20), "teal").save(tmp_path / "chart.png")
    out = tmp_path / f"guide.{to}"
    subprocess.run([pypandoc.get_pandoc_path(), "-f", "markdown", "-t", to, "-o", str(out), str(source),
                    f"--resource-path={tmp_path}"], check=True)
    return out.read_bytes()


def test_markdown_shaped_like_seed_002_is_read_into_its_parts(db):
    result = importer.import_document(CCPCJ_MD.encode(), "ccpcj.md")
    assert result.counts() == CCPCJ_COUNTS
    assert result.title == "Strengthening coordination of efforts to combat human trafficking"
    assert [(b["heading"], b["kind"], b["role"]) for b in result.blocks] == [
        ("Introduction", "introduction", "prose"), ("Definition of Key Terms", "other", "key_terms"),
        ("General Overview", "background", "prose"), ("Major Parties Involved", "other", "parties"),
        ("Timeline of Key Events", "other", "timeline"), ("Previous Attempts to Solve the Issue", "previous_attempts", "prose"),
        ("Possible Solutions", "possible_solutions", "prose"), ("Bibliography", "other", "bibliography")]
    assert result.blocks[0]["body"] == "Trafficking is among the fastest growing crimes.[@ref-1] It touches every region.[@ref-2]"
    overview = result.blocks[2]["body"]
    assert "### Principal types" in overview and "  - in agriculture" in overview and "| Europe | 26 %  |" in overview
    assert [(t["term"], t["acronym"], t["source_key"]) for t in result.key_terms][:2] == [
        ("Human trafficking", "", "ref-1"), ("Action-Means-Purpose Model", "", "")]
    assert [(p["name"], p["kind"], p["iso_code"]) for p in result.stakeholders] == [
        ("United Nations Office on Drugs and Crime (UNODC)", "un_body", ""),
        ("International Labour Organisation (ILO)", "un_body", ""), ("ICAT", "un_body", ""),
        ("Thailand & Philippines", "member_state", "TH,PH")]
    assert [(e["date"], e["precision"], e["description"]) for e in result.timeline] == [
        ("2000-01-01", "year", "Palermo Protocol adopted"),
        ("1948-12-10", "day", "Universal Declaration of Human Rights"),
        ("2007-03-01", "month", "UN.GIFT launched"),
        ("2010-12-10", "day", "UN Voluntary Trust Fund set up")]  # day first: 10/12 is 10 December
    # The footnote cited twice and its bibliography entry are one source.
    assert [(s["key"], s["authors"], s["title"], s["url"], s["published_on"]) for s in result.sources] == [
        ("ref-1", "UNODC", "Global Report on Trafficking in Persons 2020", "https://www.unodc.org/glotip2020", "2021-01-01"),
        ("ref-2", "", "www.ilo.org/global/topics/forced-labour", "https://www.ilo.org/global/topics/forced-labour", None),
        ("ref-3", "UNODC", "About the Protocol", "https://www.unodc.org/protocol", "2019-03-12"),
        ("ref-4", "International Labour Organization", "Forced Labour Convention", "", "1930-01-01")]
    assert result.sources[2]["accessed_on"] == "2024-01-03"
    assert result.warnings == ["Footnote 2 has only a URL: give the source a title."]


def test_word_document_with_footnotes_table_bold_headings_and_a_figure(db, tmp_path):
    # Shaped like seed 000 (AMLMUN): a letter, bold paragraphs as headings, "Term: definition" key terms,
    # country parties by common names, a timeline table, Word footnotes, and a figure with alt text.
    markdown = """**Letter from the Chair**

Dear delegates, welcome to the committee.[^1]

**Definition of key-terms**

**Abduction:** Taking a person away by force.[^2]

**Cyberwarfare:** Attacks on a state's computers.

**Internet vigilantism:** Online action outside the law.

**Introduction**

Trafficking serves terrorism.[^1]

![Victims detected by age, 2018](chart.png "Share of detected victims")

**Major Countries and Organizations Involved**

**Russia:** A destination country.

**USA:** Passed the TVPA in 2000.[^3]

**UK:** Modern Slavery Act 2015.

**South Korea:** Source and destination.

**OSCE (Organization for Security and Co-operation in Europe):** Regional action plan.

**Timeline of Events**

| Date | Description of event |
|------|----------------------|
| 1948 | Universal Declaration of Human Rights |
| 2000 | Palermo Protocol |
| 2015 | Modern Slavery Act |
| soon | Something undated |

[^1]: Europol. "Trafficking in human beings." https://www.europol.europa.eu/thb
[^2]: "Abduction." Cambridge Dictionary, https://dictionary.cambridge.org/abduction
[^3]: "Trafficking Victims Protection Act." Wikipedia, https://en.wikipedia.org/wiki/TVPA
"""
    data = convert(markdown, "docx", tmp_path, image=True)
    result = importer.import_document(data, "specon.docx")
    assert result.counts() == {"sections": 2, "key_terms": 3, "timeline_events": 3, "stakeholders": 5, "sources": 3,
                               "citations": 4, "questions": 0, "figures": 1}
    assert [b["kind"] for b in result.blocks if b["role"] == "prose"] == ["letter", "introduction"]
    assert [(p["name"], p["kind"], p["iso_code"]) for p in result.stakeholders] == [
        ("Russia", "member_state", "RU"), ("USA", "member_state", "US"), ("UK", "member_state", "GB"),
        ("South Korea", "member_state", "KR"),
        ("OSCE (Organization for Security and Co-operation in Europe)", "igo", "")]
    assert result.warnings == ["Timeline row 4: date not understood (“soon”)."]
    figure = result.figures[0]
    assert (figure["alt_text"], figure["block"]) == ("Victims detected by age, 2018", 2)
    assert Image.open(io.BytesIO(figure["data"])).size == (30, 20)


def test_import_writes_a_draft_through_the_one_writer_and_its_pdf_keeps_every_footnote(world, tmp_path):
    from guides import pdf
    from guides.services import guide_import_apply
    from tests.pdf_reading import ReadPdf

    guide = world["guide_a"]
    result = importer.import_document(convert(CCPCJ_MD, "docx", tmp_path), "ccpcj.docx")
    assert result.counts() == CCPCJ_COUNTS  # Word's real footnotes read like Markdown's
    revision = guide_import_apply(guide=guide, result=result, by=world["chair_a"])
    assert (revision.number, guide.sections.count(), guide.key_terms.count(), guide.timeline_events.count(),
            guide.stakeholders.count(), guide.sources.count()) == (3, 4, 6, 4, 4, 4)
    assert guide.key_terms.get(term="Human trafficking").source.key == "ref-1"
    assert guide.status == "draft"
    guide_publish(guide=guide)
    rendered = revisions.rendered(guide.published_revision)
    assert [n["key"] for n in rendered.footnotes] == ["ref-1", "ref-2", "ref-3"]
    with pdf.default_storage.open(pdf.guide_pdf(guide).name, "rb") as handle:
        document = ReadPdf(handle.read())
    text = " ".join(" ".join(document.pages).split()).replace("‐ ", "")
    # Every footnote's reference is printed (as text: the PDF holds no HTML).
    for note in rendered.footnotes:
        reference = " ".join(html.unescape(strip_tags(note["mla"])).split())
        assert reference[:40] in text, reference


def test_plain_text_shaped_like_seed_004_with_numbered_headings_and_bullets(db):
    text = (
        "1. Introduction\n\nTrafficking is a global industry.\n\n2. Background\n\nAlmost every country is affected.\n\n"
        "3. Last events\n\n• The EU and UNODC launched GLO.ACT.\n• The Trust Fund helps victims.\n\n"
        "4. Previous attempts to resolve the problem\n\nThe Protocol of 2000 sets the standard.\n\n"
        "5. Additional questions\n\n• What has my country done?\n• Is my country on a route?\n"
        "• Which solutions could my country support?\n• What do my allies think?\n• What does my law say?\n"
    )
    result = importer.import_document(text.encode(), "hrc.txt")
    assert result.counts() == {"sections": 4, "key_terms": 0, "timeline_events": 0, "stakeholders": 0, "sources": 0,
                               "citations": 0, "questions": 5, "figures": 0}
    assert [(b["heading"], b["kind"]) for b in result.blocks] == [
        ("Introduction", "introduction"), ("Background", "background"), ("Last events", "other"),
        ("Previous attempts to resolve the problem", "previous_attempts"), ("Additional questions", "other")]
    assert "- The EU and UNODC launched GLO.ACT." in result.blocks[2]["body"]
    assert {q["kind"] for q in result.questions} == {"research"}


def test_qarma_and_research_questions_like_seeds_001_and_003(db):
    markdown = ("# Letter from the Executive Board\n\nWelcome.\n\n# Questions a Resolution Must Answer\n\n"
                "1. How can states share data?\n2. How are victims protected?\n\n# Research Questions\n\n"
                "- What is my country's position?\n\n# Major Stakeholders\n\n## Nigeria & India\n\nOrigin countries.\n\n"
                "## Mexico\n\nTransit country.\n")
    result = importer.import_document(markdown.encode(), "unodc.md")
    assert [(q["kind"], q["text"]) for q in result.questions] == [
        ("resolution", "How can states share data?"), ("resolution", "How are victims protected?"),
        ("research", "What is my country’s position?")]
    assert [(p["name"], p["kind"], p["iso_code"]) for p in result.stakeholders] == [
        ("Nigeria & India", "member_state", "NG,IN"), ("Mexico", "member_state", "MX")]


def docx_with(tmp_path, extra):
    data = convert("# Introduction\n\nText.\n", "docx", tmp_path)
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item, source.read(item))
        for name, content in extra.items():
            target.writestr(name, content)
    return buffer.getvalue()


@pytest.mark.parametrize(("name", "data", "message"), [
    ("guide.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "password-protected or an old Word .doc"),
    ("guide.docx", b"PK\x03\x04 not really a zip", "not a valid .docx document"),
    ("guide.pdf", b"%PDF-1.4", "is not a .docx, .odt, .md, .markdown or .txt file"),
    ("guide.md", b"\xff\xfe\x00bad", "not UTF-8 text"),
    ("guide.md", b"   \n", "The file is empty."),
])
def test_bad_files_are_refused_with_a_reason(db, name, data, message):
    with pytest.raises(importer.ImportRefused, match=message.replace(".", r"\.").replace("(", r"\(")):
        importer.import_document(data, name)


def test_a_zip_bomb_disguised_as_docx_is_refused(db, tmp_path):
    bomb = docx_with(tmp_path, {"word/media/huge.bin": b"\0" * (importer.MAX_UNPACKED_BYTES + 1)})
    assert len(bomb) < 1_000_000
    with pytest.raises(importer.ImportRefused, match="refused as a zip bomb"):
        importer.import_document(bomb, "bomb.docx")


def test_an_oversized_file_is_refused_with_the_limit(db, settings):
    settings.IMPORT_MAX_BYTES = 1000
    with pytest.raises(importer.ImportRefused, match="documents may be at most 0 MB"):
        importer.import_document(b"# Introduction\n\n" + b"word " * 400, "big.md")


def test_macros_embedded_objects_and_linked_images_are_ignored_with_a_message(db, tmp_path):
    rels = b'<Relationship Id="x" Type="http://schemas/image" Target="http://evil.example/a.png" TargetMode="External"/>'
    data = docx_with(tmp_path, {"word/vbaProject.bin": b"macro", "word/embeddings/sheet.xlsx": b"x",
                                "word/_rels/extra.xml.rels": rels})
    result = importer.import_document(data, "macro.docx")
    assert result.warnings == [
        "The document contains macros: they were ignored.",
        "Embedded objects (spreadsheets, charts) were ignored: add them as figures.",
        "1 linked image(s) outside the document were not fetched: upload them as figures."]


def test_markdown_cannot_read_local_files_or_the_network(db):
    markdown = b"# Introduction\n\n![x](/etc/passwd)\n\n![y](http://127.0.0.1:9/a.png)\n\n" \
               b"<script>alert(1)</script> [link](javascript:alert(1))\n"
    result = importer.import_document(markdown, "evil.md")
    assert result.figures == []
    assert [w.split(" (")[0] for w in result.warnings] == ["Image 1", "Image 2"]
    from guides.rendering import render_markdown
    html = render_markdown(result.blocks[0]["body"], {"footnotes": {}, "sources": {}})
    assert "<script>" not in html and "javascript:" not in html


def test_command_line_json_dry_run_and_errors(world, tmp_path, capsys):
    path = tmp_path / "ccpcj.md"
    path.write_text(CCPCJ_MD)
    call_command("import_guide", str(path), "--committee", "demo/ga1", "--topic", "New topic", "--dry-run", "--json")
    output = json.loads(capsys.readouterr().out)
    assert output == {**CCPCJ_COUNTS, "warnings": ["Footnote 2 has only a URL: give the source a title."]}
    assert not Topic.objects.filter(title="New topic").exists()
    call_command("import_guide", str(path), "--committee", "demo/ga1", "--topic", "New topic", "--json")
    assert json.loads(capsys.readouterr().out)["sections"] == 4
    guide = StudyGuide.objects.get(topic__title="New topic")
    assert (guide.status, guide.sections.count(), guide.revision) == ("draft", 4, 2)
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a document")
    with pytest.raises(CommandError, match="not a valid .docx document"):
        call_command("import_guide", str(bad), "--committee", "demo/ga1", "--topic", "Other")
    with pytest.raises(CommandError, match="No committee demo/zz"):
        call_command("import_guide", str(path), "--committee", "demo/zz", "--topic", "Other")


def test_a_failing_import_writes_nothing(world, tmp_path, settings):
    from django.core.exceptions import ValidationError

    from guides.services import guide_import_apply

    guide = make_guide(world["committee_a"], "Kept", sections=[("Intro", "Original text")])
    data = convert("# Introduction\n\nText.\n\n![A chart](chart.png)\n", "docx", tmp_path, image=True)
    result = importer.import_document(data, "figure.docx")
    settings.FIGURE_MAX_PIXELS = 100  # the figure is now too large
    with pytest.raises(ValidationError, match="figures may be at most 0 megapixels"):
        guide_import_apply(guide=guide, result=result, by=None)
    assert (list(guide.sections.values_list("body", flat=True)), Figure.objects.count(), guide.revision) == (
        ["Original text"], 0, 2)


def test_chair_previews_adjusts_and_imports_in_the_admin(client, world):
    client.force_login(world["chair_a"])
    upload = io.BytesIO(CCPCJ_MD.encode())
    upload.name = "ccpcj.md"
    response = client.post(reverse("admin:guides_studyguide_import_into", args=[world["guide_a"].pk]), {"file": upload})
    pending = GuideImport.objects.get()
    assert response["Location"] == reverse("admin:guides_studyguide_import_preview", args=[pending.token])
    page = client.get(response["Location"]).content.decode()
    assert "<strong>6</strong> key terms" in page and "Footnote 2 has only a URL" in page
    assert world["guide_a"].sections.get().body == "Text A [@src-a]"  # nothing written yet
    # Someone else cannot open this preview.
    client.force_login(world["chair_b"])
    assert client.get(response["Location"]).status_code == 404
    client.force_login(world["chair_a"])
    timeline_block = next(i for i, b in enumerate(pending.result["blocks"]) if b["role"] == "timeline")
    response = client.post(response["Location"], {"demote": [str(timeline_block)], "kind-2": "background"})
    assert response["Location"] == reverse("admin:guides_studyguide_publish", args=[world["guide_a"].pk])
    guide = world["guide_a"]
    assert guide.timeline_events.count() == 0
    assert list(guide.sections.values_list("heading", "kind")) == [
        ("Introduction", "introduction"), ("General Overview", "background"),
        ("Timeline of Key Events", "other"), ("Previous Attempts to Solve the Issue", "previous_attempts"),
        ("Possible Solutions", "possible_solutions")]
    assert GuideImport.objects.count() == 0


def test_libreoffice_odt_reads_like_the_markdown(db, tmp_path):
    result = importer.import_document(convert(CCPCJ_MD, "odt", tmp_path), "ccpcj.odt")
    assert result.counts() == CCPCJ_COUNTS
    assert [t["term"] for t in result.key_terms][-1] == "Debt bondage"
    assert result.title == "Strengthening coordination of efforts to combat human trafficking"


def test_a_footnote_inside_a_timeline_table_cites_its_source(db, tmp_path):
    markdown = ("# Timeline\n\n| Date | Event |\n|---|---|\n| 2000 | Palermo Protocol adopted[^1] |\n\n"
                "[^1]: UN. \"Protocol to Prevent Trafficking.\" 2000, https://www.ohchr.org/protocol.\n")
    result = importer.import_document(convert(markdown, "docx", tmp_path), "timeline.docx")
    assert [(e["description"], e["source_key"]) for e in result.timeline] == [("Palermo Protocol adopted", "ref-1")]
    assert (result.citations, result.sources[0]["url"]) == (1, "https://www.ohchr.org/protocol")

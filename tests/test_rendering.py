"""The content pipeline: citations become footnotes numbered by first use; author Markdown is made inert."""

import datetime

import pytest

from guides import revisions
from guides.models import KeyTerm, Source
from guides.rendering import build_rendered_guide, render_markdown
from tests.conftest import edit_guide, make_committee, make_conference, make_guide  # noqa: I001


@pytest.fixture
def committee(db):
    return make_committee(make_conference(), "CCPCJ")


def test_footnotes_are_numbered_by_first_use_across_sections(committee):
    guide = make_guide(
        committee,
        sections=[
            ("One", "Palermo [@palermo] and the ILO [@ilo]."),
            ("Two", "Again the ILO [@ilo], then UNODC and Palermo [@unodc; @palermo]."),
        ],
        sources=["unodc", "ilo", "palermo", "never"],
    )
    rendered = build_rendered_guide(guide)
    assert [(note["number"], note["key"]) for note in rendered.footnotes] == [(1, "palermo"), (2, "ilo"), (3, "unodc")]
    assert rendered.sections[0].html == (
        '<p>Palermo <sup class="fn-ref"><a class="fn-link" href="#fn-1" id="fnref-1-1" aria-describedby="fn-1" data-source="Title of palermo. Publisher." '
        'rel="noopener noreferrer nofollow">1</a></sup>'
        ' and the ILO <sup class="fn-ref"><a class="fn-link" href="#fn-2" id="fnref-2-1" aria-describedby="fn-2" data-source="Title of ilo. Publisher." '
        'rel="noopener noreferrer nofollow">2</a></sup>.</p>\n'
    )
    # A repeated source keeps its number; each use gets its own back-reference id.
    assert 'href="#fn-2" id="fnref-2-2"' in rendered.sections[1].html
    assert 'href="#fn-3" id="fnref-3-1"' in rendered.sections[1].html
    assert 'href="#fn-1" id="fnref-1-2"' in rendered.sections[1].html
    assert rendered.uncited == ["never"]


def test_source_attached_to_a_key_term_is_not_reported_uncited(committee):
    guide = make_guide(committee, sources=["dictionary"])
    KeyTerm.objects.create(guide=guide, term="Coercion", definition="d", source=guide.sources.get())
    assert build_rendered_guide(guide).uncited == []


def test_a_stored_revision_reads_back_as_rendered_and_never_changes(committee, django_assert_num_queries):
    guide = make_guide(committee, sections=[("One", "first [@a]")], sources=["a"])
    stored = revisions.working_revision(guide)
    assert revisions.rendered(stored) == build_rendered_guide(guide)
    edit_guide(guide, lambda: guide.sections.update(body="second [@a]"))
    with django_assert_num_queries(0):  # parsed once per process: revisions are immutable
        assert "first" in revisions.rendered(stored).sections[0].html
    assert "second" in revisions.rendered(revisions.working_revision(guide)).sections[0].html
    assert [r.number for r in guide.revisions.all()] == [3, 2, 1]


@pytest.mark.parametrize(
    "markdown, expected",
    [
        ("<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n"),
        ('<img src=x onerror="alert(1)">', '<p>&lt;img src=x onerror="alert(1)"&gt;</p>\n'),
        ("[click](javascript:alert(1))", "<p>[click](javascript:alert(1))</p>\n"),
        ("[click](JaVaScRiPt:alert(1))", "<p>[click](JaVaScRiPt:alert(1))</p>\n"),
        ("<a href='https://evil.example' onclick='x()'>a</a>", "<p>&lt;a href='https://evil.example' onclick='x()'&gt;a&lt;/a&gt;</p>\n"),
        ("![pixel](https://tracker.example/p.png)", '<p><img alt="pixel"></p>\n'),
        ("[UN](https://www.un.org)", '<p><a href="https://www.un.org" rel="noopener noreferrer nofollow">UN</a></p>\n'),
        ("# Heading", "<h3>Heading</h3>\n"),
        ("<!-- hidden --> text", "<p>&lt;!-- hidden --&gt; text</p>\n"),
    ],
)
def test_author_markdown_renders_inert(markdown, expected):
    assert render_markdown(markdown, {"footnotes": {}, "sources": {}}) == expected


def test_unknown_key_renders_as_visible_marker_not_footnote():
    html = render_markdown("See [@nowhere].", {"footnotes": {}, "sources": {}})
    assert html == '<p>See <sup class="fn-ref"><span class="cite-missing">[?nowhere]</span></sup>.</p>\n'


def _source(**fields):
    base = {"key": "k", "kind": "web_page", "authors": "", "container": "", "publisher": "", "published_on": None,
            "published_precision": "day", "url": "", "accessed_on": None, "un_symbol": "", "title": "T"}
    return Source(**{**base, **fields})


def test_mla_citation_for_a_web_page_with_author_and_container():
    source = _source(
        authors="Hartmann, Micah", title="Causes & Effects of Human Trafficking", container="The Exodus Road",
        published_on=datetime.date(2021, 7, 6), url="https://theexodusroad.com/causes-effects-of-human-trafficking/",
        accessed_on=datetime.date(2026, 11, 1),
    )
    assert source.mla() == (
        'Hartmann, Micah. “Causes &amp; Effects of Human Trafficking.” <i>The Exodus Road</i>, 6 July 2021, '
        '<a href="https://theexodusroad.com/causes-effects-of-human-trafficking/">'
        'theexodusroad.com/causes-effects-of-human-trafficking/</a>. Accessed 1 Nov. 2026.'
    )


def test_mla_citation_for_a_un_resolution_shows_its_symbol():
    source = _source(
        kind="un_document", authors="United Nations General Assembly",
        title="Improving the Coordination of Efforts against Trafficking in Persons",
        published_on=datetime.date(2012, 12, 20), un_symbol="A/RES/67/190",
    )
    assert source.mla() == (
        "United Nations General Assembly. <i>Improving the Coordination of Efforts against Trafficking in Persons</i>. "
        "20 Dec. 2012, A/RES/67/190."
    )


def test_mla_citation_names_an_organisation_once_when_it_is_also_publisher():
    source = _source(authors="Chatham House", publisher="Chatham House", title="China and the International Human Rights System",
                     published_on=datetime.date(2012, 10, 1), published_precision="month")
    assert source.mla() == "<i>China and the International Human Rights System</i>. Chatham House, Oct. 2012."


def test_first_use_of_each_key_term_is_marked_once_across_the_guide(committee):
    guide = make_guide(committee, sections=[
        ("One", "The [ILO](https://www.ilo.org) fights forced labour. Debt bondage persists."),
        ("Two", "Forced Labour again; the ILO again; `debt bondage` in code."),
    ])
    ilo = KeyTerm.objects.create(guide=guide, term="International Labour Organization", acronym="ILO", definition="A UN agency.")
    forced = KeyTerm.objects.create(guide=guide, term="Forced labour", definition="Work under threat.")
    debt = KeyTerm.objects.create(guide=guide, term="Debt bondage", definition="Work to repay a <debt>.")
    one, two = (section.html for section in build_rendered_guide(guide).sections)
    assert one == (
        '<p>The <a href="https://www.ilo.org" rel="noopener noreferrer nofollow">ILO</a> fights '
        f'<a class="term" href="#term-{forced.pk}" aria-describedby="term-{forced.pk}-def" data-definition="Work under threat.">forced labour</a>. '
        f'<a class="term" href="#term-{debt.pk}" aria-describedby="term-{debt.pk}-def" data-definition="Work to repay a &lt;debt&gt;.">Debt bondage</a> persists.</p>\n'
    )
    assert two == (
        f'<p>Forced Labour again; the <a class="term" href="#term-{ilo.pk}" aria-describedby="term-{ilo.pk}-def" data-definition="A UN agency.">ILO</a> again; '
        '<code>debt bondage</code> in code.</p>\n'
    )


def test_a_citation_locator_gets_its_own_footnote_with_the_page(committee):
    guide = make_guide(committee, sections=[
        ("One", "A claim [@tip, p. 8] and another [@tip, p. 12]; the report as a whole [@tip]."),
        ("Two", "Page eight again [@tip, p. 8] and two at once [@ilo, pp. 3–4; @tip]."),
    ], sources=["tip", "ilo"])
    rendered = build_rendered_guide(guide)
    assert [(n["number"], n["key"], n["locator"], str(n["mla"])) for n in rendered.footnotes] == [
        (1, "tip", "p. 8", "<i>Title of tip</i>. Publisher, p. 8."),
        (2, "tip", "p. 12", "<i>Title of tip</i>. Publisher, p. 12."),
        (3, "tip", "", "<i>Title of tip</i>. Publisher."),
        (4, "ilo", "pp. 3–4", "<i>Title of ilo</i>. Publisher, pp. 3–4."),
    ]
    assert 'href="#fn-1" id="fnref-1-2" aria-describedby="fn-1" data-source="Title of tip. Publisher, p. 8."' in rendered.sections[1].html
    assert "[@" not in rendered.sections[0].text and rendered.uncited == []


def test_definitions_events_and_questions_are_markdown_with_citations_and_attached_sources(committee):
    guide = make_guide(committee, sections=[("One", "First [@a].")], sources=["a", "b", "c"])

    def parts():
        b, c = guide.sources.get(key="b"), guide.sources.get(key="c")
        KeyTerm.objects.create(guide=guide, term="Debt bondage", definition="Work **to repay** a debt [@a, p. 2].",
                               source=b)
        guide.timeline_events.create(date=datetime.date(2000, 11, 15), precision="day",
                                     description="The *Palermo Protocol* is adopted.", source=c)
        guide.questions.create(kind="resolution", text="How can **States** share data [@b]?", order=1)

    edit_guide(guide, parts)
    rendered = revisions.rendered(guide.revisions.get(number=guide.revision))
    [term], [event], [question] = rendered.key_terms, rendered.timeline, rendered.questions
    assert term["definition_html"] == (
        '<p>Work <strong>to repay</strong> a debt <sup class="fn-ref"><a class="fn-link" href="#fn-2" id="fnref-2-1" '
        'aria-describedby="fn-2" data-source="Title of a. Publisher, p. 2." rel="noopener noreferrer nofollow">2</a></sup>.<sup class="fn-ref">'
        '<a class="fn-link" href="#fn-3" id="fnref-3-1" aria-describedby="fn-3" data-source="Title of b. Publisher." '
        'rel="noopener noreferrer nofollow">3</a></sup></p>\n')
    assert event["description_html"].startswith("<p>The <em>Palermo Protocol</em> is adopted.<sup")
    assert 'href="#fn-4"' in event["description_html"]  # the attached source c
    assert question["html"].startswith("<p>How can <strong>States</strong> share data <sup")
    assert [n["key"] for n in rendered.footnotes] == ["a", "a", "b", "c"]
    # The glossary's hover text is the definition's words, no Markdown marks and no citation.
    from guides.rendering import term_patterns

    assert term_patterns(guide.key_terms.all())[0][2] == "Work to repay a debt."


def test_an_unknown_key_in_a_definition_is_refused_by_name(committee):
    from django.core.exceptions import ValidationError

    guide = make_guide(committee, sections=[("One", "Text.")], sources=["a"])
    with pytest.raises(ValidationError, match="Key term “Bondage”: Unknown source key"):
        edit_guide(guide, lambda: KeyTerm.objects.create(guide=guide, term="Bondage", definition="See [@nope]."))


def test_further_reading_is_listed_apart_and_not_reported_uncited(committee, client):
    from guides.services import guide_publish

    guide = make_guide(committee, sections=[("One", "Cited [@a].")], sources=["a", "book", "forgotten"])
    edit_guide(guide, lambda: guide.sources.filter(key="book").update(further_reading=True))
    rendered = build_rendered_guide(guide)
    assert ([e["key"] for e in rendered.bibliography], [e["key"] for e in rendered.further_reading],
            rendered.uncited) == (["a", "forgotten"], ["book"], ["forgotten"])
    # Cited after all: it is a work cited, not further reading.
    edit_guide(guide, lambda: guide.sections.update(body="Cited [@a] and [@book]."))
    rendered = build_rendered_guide(guide)
    assert ([e["key"] for e in rendered.bibliography], rendered.further_reading) == (["a", "book", "forgotten"], [])
    edit_guide(guide, lambda: guide.sections.update(body="Cited [@a]."))
    guide_publish(guide=guide)
    committee.conference.guides_public = True
    committee.conference.save()
    page = client.get(guide.get_absolute_url()).content.decode()
    assert '<li><a href="#further-reading">Further reading</a></li>' in page
    assert '<h2 id="further-reading-h">Further reading</h2>\n        <ul class="bibliography"><li><i>Title of book</i>. Publisher.</li></ul>' in page


@pytest.mark.parametrize("body", [
    "Intro.\n\n# Regional efforts\n\nText.\n\n## In Europe\n\nMore.\n\n# National *laws*\n\nEnd.",
    "Intro.\n\n### Regional efforts\n\nText.\n\n#### In Europe\n\nMore.\n\n### National *laws*\n\nEnd.",
])
def test_sub_headings_are_h3_whatever_level_was_typed_and_reach_the_contents(committee, body):
    guide = make_guide(committee, sections=[("Background", body)])
    [section] = build_rendered_guide(guide).sections
    pk = section.pk
    assert section.subheadings == [{"anchor": f"section-{pk}-1", "title": "Regional efforts"},
                                   {"anchor": f"section-{pk}-2", "title": "National laws"}]
    assert f'<h3 id="section-{pk}-1">Regional efforts</h3>' in section.html
    assert "<h4>In Europe</h4>" in section.html
    assert f'<h3 id="section-{pk}-2">National <em>laws</em></h3>' in section.html


def test_an_author_cannot_set_other_heading_ids():
    assert render_markdown("<h3 id='x'>a</h3>", {"footnotes": {}, "sources": {}}) == "<p>&lt;h3 id='x'&gt;a&lt;/h3&gt;</p>\n"


def test_explanatory_footnotes_share_one_numbered_series_with_citations(committee):
    guide = make_guide(committee, sections=[
        ("One", "Adopted in 2000 [@a], in force since 2003.[^force] Ratified widely.[^force]\n\n"
                "[^force]: After the fortieth *ratification*,\n    as its article 17 requires."),
        ("Two", "A second note.[^force] Cited again [@a].\n\n[^force]: A different note with the same label."),
    ], sources=["a"])
    rendered = build_rendered_guide(guide)
    assert [(n["number"], n["key"], str(n["mla"])) for n in rendered.footnotes] == [
        (1, "a", "<i>Title of a</i>. Publisher."),
        (2, "", "After the fortieth <em>ratification</em>, as its article 17 requires."),
        (3, "", "A different note with the same label."),
    ]
    one, two = rendered.sections
    assert one.html.count('href="#fn-2"') == 2 and "[^force]" not in one.html and "article 17" not in one.text
    assert 'href="#fn-1" id="fnref-1-2"' in two.html


def test_a_footnote_called_but_not_written_is_refused_by_name(committee):
    from django.core.exceptions import ValidationError

    guide = make_guide(committee, sections=[("One", "Text.")])
    with pytest.raises(ValidationError, match=r"Section “One”: The footnote \[\^missing\] has no text: add a line"):
        edit_guide(guide, lambda: guide.sections.update(body="A claim.[^missing]"))


def _placed_guide(committee, arrangement="chair"):
    from guides.models import Section, Stakeholder, TimelineEvent

    guide = make_guide(committee, sections=[("Introduction", "Intro [@a].")], sources=["a", "b", "c"])

    def parts():
        Section.objects.create(guide=guide, order=2, kind="key_terms", heading="Glossary",
                               body="Terms used below.", arrangement=arrangement)
        Section.objects.create(guide=guide, order=3, kind="background", heading="Background", body="Then [@c].")
        Section.objects.create(guide=guide, order=4, kind="timeline", heading="Key dates", arrangement=arrangement)
        Section.objects.create(guide=guide, order=5, kind="major_parties", heading="Parties", arrangement=arrangement)
        KeyTerm.objects.create(guide=guide, order=1, term="Smuggling", definition="Moving people [@b].")
        KeyTerm.objects.create(guide=guide, order=2, term="Coercion", definition="Force.")
        TimelineEvent.objects.create(guide=guide, order=1, date=datetime.date(2015, 1, 1), precision="year",
                                     description="Later")
        TimelineEvent.objects.create(guide=guide, order=2, date=datetime.date(2000, 1, 1), precision="year",
                                     description="Earlier")
        Stakeholder.objects.create(guide=guide, order=1, name="UNODC", kind="un_body")
        Stakeholder.objects.create(guide=guide, order=2, name="Brazil", kind="member_state", iso_code="BR")

    edit_guide(guide, parts)
    return guide


def test_lists_placed_in_the_outline_keep_the_chairs_place_and_order(committee):
    rendered = build_rendered_guide(_placed_guide(committee))
    assert [s.heading for s in rendered.sections] == ["Introduction", "Glossary", "Background", "Key dates", "Parties"]
    assert rendered.placed == ["key_terms", "timeline", "major_parties"] and not rendered.parties_grouped
    assert [t["term"] for t in rendered.key_terms] == ["Smuggling", "Coercion"]
    assert [e["description"] for e in rendered.timeline] == ["Later", "Earlier"]
    assert [p["name"] for p in rendered.stakeholders] == ["UNODC", "Brazil"]  # no member states forced first
    # Footnotes follow the reading order: the glossary (b) comes before the background (c).
    assert [n["key"] for n in rendered.footnotes] == ["a", "b", "c"]


def test_a_placed_list_can_be_alphabetical_or_by_date(committee):
    guide = _placed_guide(committee, arrangement="chair")
    edit_guide(guide, lambda: (guide.sections.filter(kind="key_terms").update(arrangement="alphabetical"),
                               guide.sections.filter(kind="timeline").update(arrangement="date"),
                               guide.sections.filter(kind="major_parties").update(arrangement="alphabetical")))
    rendered = build_rendered_guide(guide)
    assert [t["term"] for t in rendered.key_terms] == ["Coercion", "Smuggling"]
    assert [e["description"] for e in rendered.timeline] == ["Earlier", "Later"]
    assert [p["name"] for p in rendered.stakeholders] == ["Brazil", "UNODC"]


def test_lists_not_placed_keep_their_usual_place_and_order(committee):
    guide = _placed_guide(committee)
    edit_guide(guide, lambda: guide.sections.filter(kind__in=["key_terms", "timeline", "major_parties"]).delete())
    rendered = build_rendered_guide(guide)
    assert rendered.placed == [] and rendered.parties_grouped
    assert [t["term"] for t in rendered.key_terms] == ["Smuggling", "Coercion"]  # the chairs' order
    assert [e["description"] for e in rendered.timeline] == ["Later", "Earlier"]
    assert [p["name"] for p in rendered.stakeholders] == ["Brazil", "UNODC"]  # grouped: member states first


def test_the_reader_and_the_pdf_print_a_placed_list_where_it_stands(committee, client):
    from guides import pdf
    from guides.services import guide_publish
    from tests.pdf_reading import ReadPdf

    guide = _placed_guide(committee)
    guide_publish(guide=guide)
    committee.conference.guides_public = True
    committee.conference.save()
    page = client.get(guide.get_absolute_url()).content.decode()
    assert page.index(">Glossary</h2>") < page.index('id="term-') < page.index(">Background</h2>") < page.index(
        ">Key dates</h2>") < page.index('class="timeline"')
    assert 'id="key-terms"' not in page and '<a href="#key-terms">' not in page
    result = pdf.guide_pdf(guide)
    from django.core.files.storage import default_storage

    with default_storage.open(result.name, "rb") as handle:
        document = ReadPdf(handle.read())
    assert [title for title, _ in document.outline()] == [
        "Topic", "Introduction", "Glossary", "Background", "Key dates", "Parties", "Works cited"]


def test_only_one_part_may_hold_a_list(committee):
    from django.core.exceptions import ValidationError

    from guides.models import Section

    guide = _placed_guide(committee)
    with pytest.raises(ValidationError, match="Only one part can hold the key terms: 2 parts are of that kind."):
        edit_guide(guide, lambda: Section.objects.create(guide=guide, order=9, kind="key_terms", heading="Again"))


def test_the_longer_term_wins_where_terms_overlap_and_acronyms_match_only_as_written(committee):
    guide = make_guide(committee, sections=[
        ("One", "Human trafficking is a crime; the ilo is not the ILO. Trafficking, again."),
    ])
    human = KeyTerm.objects.create(guide=guide, term="Human trafficking", definition="A crime.")
    short = KeyTerm.objects.create(guide=guide, term="Trafficking", definition="Moving people.")
    ilo = KeyTerm.objects.create(guide=guide, term="International Labour Organization", acronym="ILO",
                                 definition="A UN agency.")
    [section] = build_rendered_guide(guide).sections
    assert section.html == (
        f'<p><a class="term" href="#term-{human.pk}" aria-describedby="term-{human.pk}-def" data-definition="A crime.">Human trafficking</a> is a crime; '
        f'the ilo is not the <a class="term" href="#term-{ilo.pk}" aria-describedby="term-{ilo.pk}-def" data-definition="A UN agency.">ILO</a>. '
        f'<a class="term" href="#term-{short.pk}" aria-describedby="term-{short.pk}-def" data-definition="Moving people.">Trafficking</a>, again.</p>\n')


def test_a_typed_br_breaks_the_line_in_a_table_cell_but_not_in_code():
    from guides.rendering import render_markdown

    html = render_markdown("| Year | Event |\n|---|---|\n| 2000 | Adopted<br>Signed<BR/>Ratified |\n\n"
                           "Type `<br>` for a break.", {})
    assert "<td>Adopted<br>Signed<br>Ratified</td>" in html
    assert "<code>&lt;br&gt;</code>" in html and "&lt;br&gt;" not in html.replace("<code>&lt;br&gt;</code>", "")

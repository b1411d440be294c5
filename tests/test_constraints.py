"""Every rule of the domain is enforced by the database itself, not only by forms."""

import datetime

import pytest
from django.db import IntegrityError, connection, transaction

from guides.models import Figure, KeyTerm, Source, Stakeholder, StudyGuide, TimelineEvent
from tests.conftest import make_committee, make_conference, make_guide


@pytest.fixture
def guide(db):
    return make_guide(make_committee(make_conference(), "GA3"))


def refused(create):
    """Runs create() and returns the name of the constraint the database refused it with."""
    with pytest.raises(IntegrityError) as error, transaction.atomic():
        create()
    return str(error.value)


def test_key_term_unique_per_guide_ignoring_case(guide):
    KeyTerm.objects.create(guide=guide, term="Debt bondage", definition="d")
    message = refused(lambda: KeyTerm.objects.create(guide=guide, term="DEBT BONDAGE", definition="d"))
    assert "key_term_unique_per_guide_ci" in message
    assert KeyTerm.objects.filter(guide=guide).count() == 1


def test_same_key_term_allowed_in_another_guide(guide):
    other = make_guide(guide.topic.committee, "Other topic")
    KeyTerm.objects.create(guide=guide, term="Coercion", definition="d")
    KeyTerm.objects.create(guide=other, term="coercion", definition="d")
    assert KeyTerm.objects.filter(term__iexact="coercion").count() == 2


@pytest.mark.parametrize(
    "date, precision",
    [
        (datetime.date(1948, 12, 10), "year"),
        (datetime.date(1948, 12, 1), "year"),
        (datetime.date(2007, 3, 26), "month"),
    ],
)
def test_timeline_date_must_agree_with_precision(guide, date, precision):
    message = refused(lambda: TimelineEvent.objects.create(guide=guide, date=date, precision=precision, description="x"))
    assert "timeline_date_matches_precision" in message


@pytest.mark.parametrize(
    "date, precision, shown",
    [
        (datetime.date(1948, 1, 1), "year", "1948"),
        (datetime.date(2007, 3, 1), "month", "March 2007"),
        (datetime.date(1948, 12, 10), "day", "10 December 1948"),
    ],
)
def test_timeline_date_is_shown_at_its_precision(guide, date, precision, shown):
    event = TimelineEvent.objects.create(guide=guide, date=date, precision=precision, description="x")
    assert event.date_display == shown


def test_timeline_range_end_must_follow_start_at_same_precision(guide):
    message = refused(lambda: TimelineEvent.objects.create(
        guide=guide, date=datetime.date(2010, 1, 1), end_date=datetime.date(2009, 1, 1), precision="year", description="x"))
    assert "timeline_end_after_start" in message
    message = refused(lambda: TimelineEvent.objects.create(
        guide=guide, date=datetime.date(2010, 1, 1), end_date=datetime.date(2012, 5, 1), precision="year", description="x"))
    assert "timeline_end_date_matches_precision" in message
    event = TimelineEvent.objects.create(
        guide=guide, date=datetime.date(2015, 1, 1), end_date=datetime.date(2019, 1, 1), precision="year", description="x")
    assert event.date_display == "2015 – 2019"


def test_timeline_is_in_date_order_whatever_the_entry_order(guide):
    for year in (2007, 1948, 2003, 2000):
        TimelineEvent.objects.create(guide=guide, date=datetime.date(year, 1, 1), precision="year", description=str(year))
    assert [e.description for e in guide.timeline_events.all()] == ["1948", "2000", "2003", "2007"]


@pytest.mark.parametrize("iso_code, constraint", [
    ("", "stakeholder_member_state_has_iso_code"), ("ng", "stakeholder_iso_code_two_letters"),
    ("TH,P", "stakeholder_iso_code_two_letters"), ("TH, PH", "stakeholder_iso_code_two_letters"),
])
def test_member_state_needs_uppercase_iso_codes(guide, iso_code, constraint):
    message = refused(lambda: Stakeholder.objects.create(guide=guide, name="Nigeria", kind="member_state", iso_code=iso_code))
    assert constraint in message


def test_iso_code_has_two_letters_for_any_kind(guide):
    message = refused(lambda: Stakeholder.objects.create(guide=guide, name="EU", kind="igo", iso_code="E"))
    assert "stakeholder_iso_code_two_letters" in message


def test_organisation_needs_no_iso_code(guide):
    party = Stakeholder.objects.create(guide=guide, name="ILO", kind="un_body", iso_code="")
    nigeria = Stakeholder.objects.create(guide=guide, name="Nigeria", kind="member_state", iso_code="NG")
    assert (party.iso_code, nigeria.flag) == ("", "🇳🇬")


def test_citation_key_unique_per_guide(guide):
    Source.objects.create(guide=guide, key="ilo-2014", title="t")
    message = refused(lambda: Source.objects.create(guide=guide, key="ilo-2014", title="t2"))
    # SQLite names the columns of a plain unique constraint; PostgreSQL names the constraint.
    expected = "guides_source.guide_id, guides_source.key" if connection.vendor == "sqlite" else "source_key_unique_per_guide"
    assert expected in message


def test_source_publication_date_agrees_with_precision(guide):
    message = refused(lambda: Source.objects.create(
        guide=guide, key="k", title="t", published_on=datetime.date(2018, 7, 6), published_precision="month"))
    assert "source_date_matches_precision" in message


def test_figure_needs_alt_text(guide):
    message = refused(lambda: Figure.objects.create(guide=guide, image="figures/x.png", caption="c", alt_text=""))
    assert "figure_alt_text_required" in message


def test_published_guide_needs_publication_time(guide):
    message = refused(lambda: StudyGuide.objects.filter(pk=guide.pk).update(status="published"))
    assert "guide_published_has_date" in message


def test_unknown_status_is_refused(guide):
    message = refused(lambda: StudyGuide.objects.filter(pk=guide.pk).update(
        status="archived", published_at=guide.created_at, published_revision=guide.revisions.first()))
    assert "guide_status_valid" in message


def _upload(name, content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type="image/png")


def _png(width=10, height=10):
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "white").save(buffer, "PNG")
    return buffer.getvalue()


def test_figure_upload_must_be_a_real_image_of_an_allowed_type_and_size(guide, settings):
    # The admin's figure form is a ModelForm: Pillow checks the content, the model checks type and size.
    from django.forms import modelform_factory

    FigureForm = modelform_factory(Figure, fields=["image", "caption", "alt_text"])

    def errors(upload):
        form = FigureForm(data={"caption": "c", "alt_text": "a"}, files={"image": upload}, instance=Figure(guide=guide))
        return form.errors.get("image", [])

    assert errors(_upload("chart.png", b"<script>alert(1)</script>")) == [
        "Upload a valid image. The file you uploaded was either not an image or a corrupted image."]
    assert errors(_upload("chart.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>")) == [
        "Upload a valid image. The file you uploaded was either not an image or a corrupted image."]
    assert errors(_upload("chart.bmp", _png())) == [
        "File extension “bmp” is not allowed. Allowed extensions are: png, jpg, jpeg, gif, webp."]
    settings.FIGURE_MAX_BYTES = 100
    assert errors(_upload("chart.png", _png(200, 200))) == ["The image is 1 KB; figures may be at most 0 KB."]
    settings.FIGURE_MAX_BYTES = 5 * 1024 * 1024
    assert errors(_upload("chart.png", _png())) == []

"""The signed-in person's own pages: profile, annotation and bookmark endpoints (JSON), My notes and exports."""

import json
import smtplib

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import PasswordResetConfirmView
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, F, Prefetch, Q
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from delegates import exports
from delegates.enums import AnnotationLabel
from delegates.forms import ChairInviteForm, OrganizerInviteForm, RosterUploadForm
from delegates.models import DelegateJob, DelegateProfile, Invitation
from delegates.queries import annotations_of, annotations_visible_to, bookmarks_of, reading_progress, seated_in
from delegates.roster import COLUMNS, TEMPLATE, import_roster, read_roster
from delegates.services import (
    annotation_create,
    annotation_delete,
    annotation_update,
    annotations_bring_up_to_date,
    bookmark_add,
    bookmark_delete,
    chair_invite,
    delegate_email_updates_set,
    delegate_remove,
    invitations_retry,
    invitations_send,
    invitations_start,
    job_fail_lost,
    notes_pdf_start,
    organizer_invite,
)
from guides import queries
from guides.models import Topic
from guides.rules import is_organizer
from guides.services import committee_chair_remove, conference_organizer_remove


def home(request):
    """Everyone's start page: the conferences; after logging in, above them, the work of each role they hold
    (delegate, chair, organizer), shown together when they hold several."""
    from django.utils import timezone

    from delegates.home import chair_home, delegate_home, organizer_home
    from delegates.models import Notification
    from guides.models import Conference

    context = {"conferences": Conference.objects.all()}
    if request.user.is_authenticated:
        context.update(delegate=delegate_home(request.user), chair=chair_home(request.user),
                       organizer=organizer_home(request.user))
        response = render(request, "guides/home.html", context)
        shown = [n.pk for n in (context["delegate"] or {}).get("answers", []) if n.read_at is None]
        if shown:  # what the page showed as new is seen now
            Notification.objects.filter(pk__in=shown).update(read_at=timezone.now())
        return response
    return render(request, "guides/home.html", context)


class Welcome(PasswordResetConfirmView):
    """The page an invitation links to: says which conference and role, shows the username, sets the password
    and logs the person in, on their home. The link is Django's reset token (once, and it expires) plus the
    invitation's pk, which must be this person's."""

    template_name = "registration/welcome.html"
    post_reset_login = True
    post_reset_login_backend = "delegates.backends.UsernameOrEmailBackend"
    success_url = reverse_lazy("home")

    def get_user(self, uidb64):
        user = super().get_user(uidb64)
        self.invitation = (Invitation.objects.filter(pk=self.kwargs["invitation"], user=user)
                           .select_related("conference").first() if user else None)
        return user if self.invitation else None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        invitation = self.invitation
        if invitation:
            seat = (DelegateProfile.objects.filter(user=invitation.user, conference=invitation.conference)
                    .select_related("committee", "delegation").first())
            context.update(invitation=invitation, invited=invitation.user, seat=seat,
                           title=f"Welcome to {invitation.conference}")
        else:
            context["title"] = "This invitation link no longer works"
        return context

    def form_valid(self, form):
        from django.utils import timezone

        response = super().form_valid(form)
        Invitation.objects.filter(pk=self.invitation.pk).update(accepted_at=timezone.now())
        messages.success(self.request, f"Welcome, {self.user.get_full_name() or self.user.username}. Your password "
                                       f"is set; next time, log in as {self.user.username}.")
        return response


@login_required
def profile(request):
    profiles = request.user.delegate_profiles.select_related("conference", "committee", "delegation")
    if request.method == "POST":
        if not str(request.POST.get("profile", "")).isdigit():
            raise Http404("No such delegation.")
        mine = get_object_or_404(profiles, pk=int(request.POST["profile"]))
        delegate_email_updates_set(profile=mine, enabled=request.POST.get("email_updates") == "on",
                                   answers=request.POST.get("email_answers") == "on")
        messages.success(request, f"Update emails for {mine.committee.abbreviation} are "
                                  f"{'on' if mine.email_updates else 'off'}; emails when the dais answers are "
                                  f"{'on' if mine.email_answers else 'off'}.")
        return redirect("profile")
    chaired = queries.committees_chaired_by(request.user).select_related("conference")
    return render(request, "delegates/profile.html", {"profiles": profiles, "chaired": chaired})


def _json_body(request):
    try:
        data = json.loads(request.body or b"{}")
    except (ValueError, RecursionError):  # RecursionError: JSON nested too deeply
        raise ValidationError("The request body is not JSON.") from None
    if not isinstance(data, dict):
        raise ValidationError("The request body must be a JSON object.")
    return data


def _int(data, name):
    value = data.get(name)
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValidationError(f"“{name}” must be a whole number.")
    return value


def _str(data, name, default=""):
    value = data.get(name, default)
    if not isinstance(value, str):
        raise ValidationError(f"“{name}” must be text.")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate ("\ud800") is not text the database can store
        raise ValidationError(f"“{name}” holds a broken character; type it again.") from None
    if "\x00" in value:
        raise ValidationError(f"“{name}” holds a NUL character.")
    return value


def annotation_json(annotation, guide_url=None):
    return {
        "id": annotation.pk,
        "section": annotation.current_part or annotation.current_section_id,
        "start": annotation.current_start,
        "end": annotation.current_end,
        "status": annotation.status,
        "quote": annotation.quote_exact,
        "current_text": annotation.current_text,
        "note": annotation.note,
        "label": annotation.label,
        "created": annotation.created_at.isoformat(),
        "visibility": annotation.visibility,
        "answer": annotation.answer, "answer_public": annotation.answer_public,
        # Where a changed passage's edits are shown: from the revision the note was made on.
        "changes_url": (f"{guide_url or annotation.guide.get_absolute_url()}changes/?since={annotation.revision}"
                        f"#{annotation.current_anchor}") if annotation.status == "changed" else "",
    }


def _part(data):
    """A section's pk, or another part's key ("term-12")."""
    from guides.rendering import PART_KEY

    value = data.get("section")
    if isinstance(value, str) and PART_KEY.fullmatch(value):
        return value
    return _int(data, "section")


def _bad_request(error):
    return JsonResponse({"error": " ".join(error.messages)}, status=400)


def _api_login_required(view):
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return JsonResponse({"error": "Log in to keep notes."}, status=403)
        return view(request, *args, **kwargs)

    return wrapped


@_api_login_required
@require_http_methods(["GET", "POST"])
def guide_annotations(request, guide_pk):
    guide = get_object_or_404(queries.guides_readable_by(request.user), pk=guide_pk)
    if request.method == "GET":
        annotations_bring_up_to_date(user=request.user, guides=[guide.pk])
        annotations = annotations_of(request.user).filter(guide=guide)
        bookmarks = bookmarks_of(request.user).filter(guide=guide)
        guide_url = guide.get_absolute_url()
        # What others made visible to this reader here: partners' shared notes (with their author) and the dais's
        # public answers (the asker not named), anchored on the revision being read.
        others = []
        if guide.published_revision_id:
            for other in (annotations_visible_to(request.user).filter(guide=guide)
                          .exclude(user=request.user).exclude(status="orphaned")
                          .filter(anchored_revision=F("guide__published_revision__number"))
                          .select_related("user")):
                if other.visibility == "delegation":
                    item = {**annotation_json(other, guide_url), "kind": "shared",
                            "author": other.user.get_full_name() or other.user.username}
                elif other.answer_public:
                    item = {**annotation_json(other, guide_url), "kind": "answer", "author": "A delegate"}
                else:
                    continue  # a question in a chair's inbox: answered there, not shown in the text
                item["changes_url"] = ""
                others.append(item)
        return JsonResponse({
            "annotations": [annotation_json(a, guide_url) for a in annotations],
            "others": others,
            # Sharing with the delegation and asking the dais are for the committee's delegates.
            "can_share": seated_in(request.user, guide.topic.committee_id),
            "bookmarks": [{"id": b.pk, "target": b.target, "target_id": b.target_id} for b in bookmarks],
            "labels": [[value, label] for value, label in AnnotationLabel.choices],
        })
    try:
        data = _json_body(request)
        annotation = annotation_create(
            user=request.user, guide=guide, section_id=_part(data), start=_int(data, "start"),
            end=_int(data, "end"), exact=_str(data, "exact"), note=_str(data, "note"), label=_str(data, "label"),
            visibility=_str(data, "visibility", "private"),
        )
    except ValidationError as error:
        return _bad_request(error)
    return JsonResponse(annotation_json(annotation), status=201)


@_api_login_required
@require_http_methods(["PATCH", "DELETE"])
def annotation_detail(request, pk):
    annotation = get_object_or_404(annotations_of(request.user), pk=pk)
    if request.method == "DELETE":
        annotation_delete(annotation=annotation)
        return HttpResponse(status=204)
    try:
        data = _json_body(request)
        # Only the fields sent change: a PATCH with just a label keeps the note.
        annotation_update(annotation=annotation, note=_str(data, "note", annotation.note),
                          label=_str(data, "label", annotation.label),
                          visibility=_str(data, "visibility", annotation.visibility))
    except ValidationError as error:
        return _bad_request(error)
    return JsonResponse(annotation_json(annotation))


@_api_login_required
@require_http_methods(["POST"])
def guide_bookmarks(request, guide_pk):
    guide = get_object_or_404(queries.guides_readable_by(request.user), pk=guide_pk)
    try:
        data = _json_body(request)
        bookmark = bookmark_add(user=request.user, guide=guide, target=_str(data, "target"), target_id=_int(data, "target_id"))
    except ValidationError as error:
        return _bad_request(error)
    return JsonResponse({"id": bookmark.pk, "target": bookmark.target, "target_id": bookmark.target_id}, status=201)


@_api_login_required
@require_http_methods(["DELETE"])
def bookmark_detail(request, pk):
    bookmark_delete(bookmark=get_object_or_404(bookmarks_of(request.user), pk=pk))
    return HttpResponse(status=204)


def _notes_conference(request):
    """The conference a notes export is limited to (?conference=slug), or None for all of them."""
    from guides.models import Conference

    slug = request.GET.get("conference") or request.POST.get("conference") or ""
    return get_object_or_404(Conference, slug=slug) if slug else None


@login_required
def my_notes(request):
    label = request.GET.get("label", "")
    if label and label not in AnnotationLabel.values:
        raise Http404("No such label.")
    search = request.GET.get("q", "").strip()
    annotations_bring_up_to_date(user=request.user, guides=annotations_of(request.user).values("guide_id"))
    groups = exports.notes_by_guide(request.user, label=label, search=search)
    conferences = list({g["guide"].topic.committee.conference.pk: g["guide"].topic.committee.conference
                        for g in groups}.values())
    return render(request, "delegates/notes.html", {
        "groups": groups, "label": label, "search": search, "labels": AnnotationLabel.choices[1:],
        "conferences": conferences if len(conferences) > 1 else [],
    })


@login_required
def notes_export(request, fmt):
    """All the user's notes and bookmarks (or those of one conference) as Markdown or Web Annotation JSON-LD,
    each with its guide, section, link back to the passage and the sources cited there."""
    conference = _notes_conference(request)
    annotations_bring_up_to_date(user=request.user, guides=annotations_of(request.user).values("guide_id"))
    groups = exports.with_passages(exports.notes_by_guide(request.user, conference=conference),
                                   request.build_absolute_uri("/"))
    title = f"My notes — {conference}" if conference else "My notes"
    name = f"my-notes-{conference.slug}" if conference else "my-notes"
    if fmt == "md":
        response = HttpResponse(exports.as_markdown(groups, title), content_type="text/markdown; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.md"'
    elif fmt == "jsonld":
        response = JsonResponse(exports.as_web_annotations(request, groups, title), json_dumps_params={"indent": 2})
        response["Content-Type"] = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"'
        response["Content-Disposition"] = f'attachment; filename="{name.replace("notes", "annotations")}.jsonld"'
    elif fmt == "pdf":  # made in the background: the page shows progress, then the download
        return redirect("notes_pdf")
    else:
        raise Http404("Unknown format.")
    return response


@login_required
def notes_pdf(request):
    """My notes as PDF (all, or one conference's): POST starts making it in the background; the page shows
    progress, then the download."""
    if request.method == "POST":
        notes_pdf_start(user=request.user, conference=_notes_conference(request))
        return redirect("notes_pdf")
    job = DelegateJob.objects.filter(kind=DelegateJob.Kind.NOTES_PDF, user=request.user).select_related(
        "conference").first()
    lost = bool(job and job.worker_lost())
    return render(request, "delegates/notes_pdf_status.html", {
        "job": job, "lost": lost, "waiting": bool(job and job.waiting_for_a_worker()),
        "refresh": bool(job and job.is_active and not lost), "conference": _notes_conference(request)})


@login_required
def notes_pdf_download(request, job_pk):
    from django.core.files.storage import default_storage
    from django.http import FileResponse

    job = get_object_or_404(DelegateJob, pk=job_pk, user=request.user, kind=DelegateJob.Kind.NOTES_PDF,
                            status="done")
    if not job.file_name or not default_storage.exists(job.file_name):
        raise Http404("This PDF was replaced by a newer one.")
    name = f"my-notes-{job.conference.slug}.pdf" if job.conference_id else "my-notes.pdf"
    return FileResponse(default_storage.open(job.file_name, "rb"), as_attachment=True, filename=name,
                        content_type="application/pdf")


# Organizer pages: one conference at a time, 404 for anyone who does not organize it.

def _organized(request, slug):
    from guides.views import organizer_conference

    return organizer_conference(request, slug)


def organizer_dashboard(request, conference):
    conference = _organized(request, conference)
    committees = list(
        conference.committees.prefetch_related("chairs", Prefetch(
            "topics", queryset=Topic.objects.select_related("guide__published_revision", "committee")
            .defer("guide__published_revision__rendered", "guide__published_revision__source")))
        .annotate(delegate_count=Count("delegate_profiles"))
    )
    guides = [t.guide for c in committees for t in c.topics.all() if hasattr(t, "guide")]
    progress = reading_progress(guides)
    for guide in guides:
        guide.progress = progress.get(guide.pk)
    not_logged_in = (
        DelegateProfile.objects.filter(conference=conference, user__last_login__isnull=True)
        .select_related("user", "committee", "delegation").order_by("committee__order", "user__last_name")
    )
    chairs_not_logged_in = get_user_model().objects.filter(
        chaired_committees__conference=conference, last_login__isnull=True).distinct()
    jobs = list(DelegateJob.objects.filter(kind=DelegateJob.Kind.INVITATIONS, conference=conference)[:5])
    for job in jobs:
        job.waiting, job.lost = job.waiting_for_a_worker(), job.worker_lost()
        job.sent = len(job.payload.get("sent", []))
    return render(request, "delegates/organizer/dashboard.html", {
        "conference": conference, "committees": committees, "not_logged_in": not_logged_in,
        "chairs_not_logged_in": chairs_not_logged_in, "jobs": jobs,
        "refresh": any(job.is_active and not job.lost for job in jobs),
        "delegates": DelegateProfile.objects.filter(conference=conference).count(),
    })


def organizer_roster(request, conference):
    conference = _organized(request, conference)
    errors, result = [], None
    form = RosterUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        check = read_roster(form.cleaned_data["file"].read(), conference)
        if check.ok:
            with transaction.atomic():
                result = import_roster(check, conference)
                job = invitations_start(users=result.invited, conference=conference, role="a delegate",
                                        by=request.user)
            messages.success(request, (
                f"Roster imported: {result.created} new, {result.updated} updated, {result.unchanged} unchanged"
                + (f"; {job.total} invitation(s) are being sent (progress below)." if job else ".")))
            _report_deviations(request, conference)
            return redirect("organizer_dashboard", conference.slug)
        errors = check.errors
    return render(request, "delegates/organizer/roster.html", {
        "conference": conference, "form": form, "errors": errors, "columns": COLUMNS,
        "committees": conference.committees.all(),
    })


def _report_deviations(request, conference):
    from delegates.roster import seat_matrix

    deviations = seat_matrix(conference)["deviations"]
    if deviations:
        messages.warning(request, f"The roster differs from the seat plan in {len(deviations)} place"
                                  f"{'s' if len(deviations) > 1 else ''}: " + "; ".join(deviations[:10])
                                  + (" …" if len(deviations) > 10 else "") + ". See the country matrix.")


def _report_held(request, held):
    if held:
        names = ", ".join(user.email for user in held[:10]) + (" …" if len(held) > 10 else "")
        messages.warning(request, f"{len(held)} invitation(s) not sent, because the address already got "
                                  f"{settings.EMAILS_PER_ADDRESS_PER_HOUR} emails this hour: {names}. "
                                  "Try again in an hour.")


@require_http_methods(["POST"])
def organizer_invitations_retry(request, conference, job_pk):
    """Tries again to invite the people a roster's invitations job could not reach."""
    conference = _organized(request, conference)
    job = get_object_or_404(DelegateJob, pk=job_pk, conference=conference, kind=DelegateJob.Kind.INVITATIONS)
    if job.worker_lost():
        job_fail_lost(job=job)
    if job.is_active or not job.failures or job.payload.get("retried"):
        messages.info(request, "There is nothing to retry in these invitations.")
    else:
        with transaction.atomic():
            retry = invitations_retry(job=job, by=request.user)
        messages.success(request, f"{retry.total} invitation(s) are being sent again (progress below).")
    return redirect("organizer_dashboard", conference.slug)


def organizer_roster_template(request, conference):
    conference = _organized(request, conference)
    response = HttpResponse(TEMPLATE, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{conference.slug}-roster-template.csv"'
    return response


def organizer_chairs(request, conference):
    conference = _organized(request, conference)
    form = ChairInviteForm(request.POST or None, conference=conference)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                user, created = chair_invite(committee=form.cleaned_data["committee"],
                                             email=form.cleaned_data["email"], name=form.cleaned_data["name"],
                                             by=request.user)
        except ValidationError as error:
            form.add_error("email", error)
        else:
            messages.success(request, f"{user.email} {'invited' if created else 'added'} as chair of "
                                      f"{form.cleaned_data['committee'].abbreviation}.")
            return redirect("organizer_chairs", conference.slug)
    committees = conference.committees.prefetch_related("chairs")
    return render(request, "delegates/organizer/chairs.html", {
        "conference": conference, "form": form, "committees": committees})


@require_http_methods(["POST"])
def organizer_chair_remove(request, conference, committee_pk, user_pk):
    """Takes a chair off one committee of this conference; their account and other roles are untouched."""
    conference = _organized(request, conference)
    committee = get_object_or_404(conference.committees, pk=committee_pk)
    user = get_object_or_404(committee.chairs, pk=user_pk)
    committee_chair_remove(committee=committee, user=user)
    messages.success(request, f"{user.email or user.username} is no longer a chair of {committee.abbreviation}.")
    return _back(request, "organizer_chairs", conference.slug)


def organizer_organizers(request, conference):
    """Co-organizers of this conference, added by email and removed; nothing outside this conference."""
    conference = _organized(request, conference)
    form = OrganizerInviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                user, created = organizer_invite(conference=conference, email=form.cleaned_data["email"],
                                                 name=form.cleaned_data["name"], by=request.user)
        except ValidationError as error:
            form.add_error("email", error)
        else:
            messages.success(request, f"{user.email} {'invited' if created else 'added'} as organizer of "
                                      f"{conference}.")
            return redirect("organizer_organizers", conference.slug)
    return render(request, "delegates/organizer/organizers.html", {
        "conference": conference, "form": form, "organizers": conference.organizers.order_by("email")})


@require_http_methods(["POST"])
def organizer_organizer_remove(request, conference, user_pk):
    conference = _organized(request, conference)
    user = get_object_or_404(conference.organizers, pk=user_pk)
    try:
        conference_organizer_remove(conference=conference, user=user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"{user.email or user.username} no longer organizes {conference}.")
    if user == request.user and not is_organizer(request.user, conference):
        return redirect("conference", conference.slug)
    return redirect("organizer_organizers", conference.slug)


@require_http_methods(["POST"])
def organizer_invitation_resend(request, conference, user_pk):
    """Sends a person of this conference (delegate or chair) their invitation again, e.g. after the mail server
    was down or the first one went to spam. Someone outside the conference is 404."""
    conference = _organized(request, conference)
    User = get_user_model()
    people = User.objects.filter(
        Q(delegate_profiles__conference=conference) | Q(chaired_committees__conference=conference)).distinct()
    user = get_object_or_404(people, pk=user_pk)
    role = "a chair" if user.chaired_committees.filter(conference=conference).exists() else "a delegate"
    try:
        sent, held = invitations_send(users=[user], conference=conference, role=role)
    except (OSError, smtplib.SMTPException) as error:
        messages.error(request, f"The invitation to {user.email} could not be sent: the mail server did not answer "
                                f"({error}). Try again later.")
    else:
        if sent:
            messages.success(request, f"Invitation sent again to {user.email}.")
        _report_held(request, held)
    return _back(request, "organizer_dashboard", conference.slug)


@require_http_methods(["POST"])
def organizer_delegate_remove(request, conference, profile_pk):
    conference = _organized(request, conference)
    profile = get_object_or_404(DelegateProfile.objects.filter(conference=conference).select_related("user"), pk=profile_pk)
    delegate_remove(profile=profile)
    messages.success(request, f"{profile.user.email or profile.user.username} is no longer a delegate of {conference}.")
    return _back(request, "organizer_matrix", conference.slug)


def _back(request, default, *args):
    """Back to the organizer page the form was on (a ?next= path on this site), else to default."""
    from django.utils.http import url_has_allowed_host_and_scheme

    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return redirect(target)
    return redirect(default, *args)


PEOPLE_FILTERS = {"": "Everyone", "delegates": "Delegates", "chairs": "Chairs", "not-logged-in": "Not logged in yet",
                  "failed": "Invitation failed", "expired": "Invitation expired"}


def organizer_people(request, conference):
    """Everyone of the conference, delegates and chairs, with their seat, invitation state and last login; edit a
    seat, remove, resend an invitation. A fixed number of queries whatever the number of people."""
    from guides.models import CommitteeChair

    conference = _organized(request, conference)
    shown = request.GET.get("filter", "")
    if shown not in PEOPLE_FILTERS:
        raise Http404("No such filter.")
    invitations = {i.user_id: i for i in Invitation.objects.filter(conference=conference)}  # user set below
    people = []
    for profile in (DelegateProfile.objects.filter(conference=conference)
                    .select_related("user", "committee", "delegation")
                    .order_by("committee__order", "delegation__iso_code", "delegation__organisation", "user__email")):
        people.append({"user": profile.user, "kind": "delegate", "profile": profile,
                       "role": f"{profile.delegation.name} in {profile.committee.abbreviation}"})
    chairs = {}
    for role in (CommitteeChair.objects.filter(committee__conference=conference).select_related("user", "committee")
                 .order_by("committee__order", "user__email")):
        chairs.setdefault(role.user_id, {"user": role.user, "kind": "chair", "committees": []})
        chairs[role.user_id]["committees"].append(role.committee)
    for person in chairs.values():
        person["role"] = "Chair of " + ", ".join(c.abbreviation for c in person["committees"])
    people += chairs.values()
    for person in people:
        invitation = invitations.get(person["user"].pk)
        if invitation is not None:
            invitation.user = person["user"]
        person["invitation"] = invitation
        person["state"] = invitation.state if invitation else ("accepted" if person["user"].last_login else "none")
    filters = {"delegates": lambda p: p["kind"] == "delegate", "chairs": lambda p: p["kind"] == "chair",
               "not-logged-in": lambda p: p["user"].last_login is None,
               "failed": lambda p: p["state"] == "failed", "expired": lambda p: p["state"] == "expired"}
    counts = {key: sum(1 for p in people if test(p)) for key, test in filters.items()}
    counts[""] = len(people)
    if shown:
        people = [p for p in people if filters[shown](p)]
    return render(request, "delegates/organizer/people.html", {
        "conference": conference, "people": people, "shown": shown,
        "filters": [(key, label, counts[key]) for key, label in PEOPLE_FILTERS.items()],
        "here": request.get_full_path()})


def organizer_seat_edit(request, conference, profile_pk):
    """Moves one delegate to another committee or delegation of this conference."""
    from delegates.forms import SeatForm
    from delegates.services import delegate_seat_change

    conference = _organized(request, conference)
    profile = get_object_or_404(DelegateProfile.objects.filter(conference=conference)
                                .select_related("user", "committee", "delegation"), pk=profile_pk)
    form = SeatForm(request.POST or None, conference=conference,
                    initial={"committee": profile.committee, "delegation": profile.delegation})
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                delegate_seat_change(profile=profile, committee=form.cleaned_data["committee"],
                                     delegation=form.cleaned_data["delegation"],
                                     new_delegation=form.cleaned_data["new_delegation"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"{profile.user.get_full_name() or profile.user.email} now represents "
                                      f"{profile.delegation.name} in {profile.committee.abbreviation}.")
            return redirect("organizer_people", conference.slug)
    return render(request, "delegates/organizer/seat.html", {"conference": conference, "profile": profile,
                                                              "form": form})


def organizer_roster_export(request, conference):
    """The roster as CSV in the import's columns: edit it in a spreadsheet and import it back."""
    from delegates.roster import roster_csv

    conference = _organized(request, conference)
    response = HttpResponse("\ufeff" + roster_csv(conference), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{conference.slug}-roster.csv"'
    return response


def organizer_matrix(request, conference):
    """The country matrix: who sits for which delegation in which committee, against the seat plan."""
    from delegates.roster import seat_matrix

    conference = _organized(request, conference)
    return render(request, "delegates/organizer/matrix.html", {"conference": conference, **seat_matrix(conference),
                                                                "here": request.get_full_path()})


def organizer_seat_plan(request, conference):
    """The seat plan: how many seats each delegation has in each committee (2 for a double delegation), and new
    delegations. The whole form is checked before anything is saved."""
    from delegates.roster import seat_matrix, seat_plan_read, seat_plan_save

    conference = _organized(request, conference)
    errors, values = [], {}
    if request.method == "POST":
        plan, added, errors = seat_plan_read(conference, request.POST)
        if not errors:
            seat_plan_save(conference, plan, added)
            messages.success(request, f"Seat plan saved: {sum(plan.values())} seats"
                                      + (f"; {len(added)} delegation(s) added." if added else "."))
            return redirect("organizer_matrix", conference.slug)
        values = {k: v for k, v in request.POST.items() if k.startswith("seats-")}
    matrix = seat_matrix(conference)
    for row in matrix["rows"]:
        for cell in row["cells"]:
            name = f"seats-{row['delegation'].pk}-{cell.committee.pk}"
            cell.field = name
            cell.value = values.get(name, cell.planned or "")
    return render(request, "delegates/organizer/seat_plan.html", {
        "conference": conference, **matrix, "errors": errors, "add": request.POST.get("add", "")})


# The dais inbox: questions delegates asked on a guide's passages, answered by the committee's chairs.

def _dais_guide(request, conference, committee, pk):
    """The guide, for someone who may answer its questions (its committee's chairs, its organizers); else 404."""
    return get_object_or_404(
        queries.guides_editable_by(request.user).select_related("topic__committee__conference"), pk=pk,
        topic__committee__slug=committee, topic__committee__conference__slug=conference)


@login_required
def dais_inbox(request, conference, committee, pk):
    """Per guide, newest first with the unanswered on top: each question with its passage, and an answer form
    (private to the asker, or public at the passage). Below: which passages draw the most questions and
    highlights, as counts."""
    from delegates.queries import dais_questions, passage_interest

    guide = _dais_guide(request, conference, committee, pk)
    questions = list(dais_questions(request.user, guide))
    url = guide.get_absolute_url()
    for question in questions:
        question.url = f"{url}?note={question.pk}#{question.current_anchor}"
    return render(request, "delegates/dais.html", {
        "guide": guide, "questions": questions, "unanswered": sum(1 for q in questions if not q.answered_at),
        "interest": passage_interest(guide), "guide_url": url})


@login_required
@require_http_methods(["POST"])
def dais_answer_view(request, conference, committee, pk, question_pk):
    from delegates.queries import dais_questions
    from delegates.services import dais_answer

    guide = _dais_guide(request, conference, committee, pk)
    question = get_object_or_404(dais_questions(request.user, guide), pk=question_pk)
    try:
        with transaction.atomic():
            dais_answer(question=question, by=request.user, text=request.POST.get("answer", ""),
                        public=request.POST.get("public") == "on")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Answered " + ("publicly: every delegate of the committee sees it at the passage."
                                                 if question.answer_public else "privately: only the asker sees it."))
    return redirect(reverse_lazy("dais_inbox", args=[conference, committee, pk]) + f"#question-{question.pk}")


# Position papers (delegates.papers): the delegate's editor, the chairs' submissions and review, the organizers'
# rubric, deadlines and exports.

def _paper_guide(request, conference, committee, pk):
    """A guide the user may read now and whose committee they sit in as a delegate; else 404."""
    from delegates.papers import seat_for

    guide = get_object_or_404(
        queries.guides_readable_by(request.user).select_related("topic__committee__conference", "published_revision")
        .defer("published_revision__source"), pk=pk, topic__committee__slug=committee,
        topic__committee__conference__slug=conference)
    seat = seat_for(request.user, guide)
    if seat is None:
        raise Http404("Only the committee's delegates write position papers on its guides.")
    return guide, seat


@login_required
def paper_edit(request, conference, committee, pk):
    """The delegate's paper: the draft (started from the outline), a preview, Submit, and the versions with the
    chairs' scores and comments once returned."""
    from delegates import papers
    from delegates.models import PositionPaper

    guide, seat = _paper_guide(request, conference, committee, pk)
    paper = PositionPaper.objects.filter(user=request.user, guide=guide).first()
    if request.method == "POST":
        draft = request.POST.get("draft", "")
        action = request.POST.get("action")
        try:
            if action == "submit":
                version = papers.paper_submit(user=request.user, guide=guide, draft=draft)
                messages.success(request, f"Version {version.number} submitted{' (late)' if version.late else ''}: "
                                          "it stays as it is. Later changes make a new version.")
            elif action == "outline":
                draft = papers.outline(request.user, guide, seat.delegation, settings.SITE_URL)
                papers.paper_save(user=request.user, guide=guide, draft=draft)
                messages.success(request, "The draft starts again from the outline (your submitted versions stay).")
            else:
                papers.paper_save(user=request.user, guide=guide, draft=draft)
                messages.success(request, "Draft saved.")
        except ValidationError as error:
            for text in error.messages:
                messages.error(request, text)
            return render(request, "delegates/paper.html", _paper_context(request, guide, seat, paper, draft),
                          status=400)
        return redirect("paper_edit", conference, committee, pk)
    draft = paper.draft if paper else papers.outline(request.user, guide, seat.delegation, settings.SITE_URL)
    return render(request, "delegates/paper.html", _paper_context(request, guide, seat, paper, draft))


def _paper_context(request, guide, seat, paper, draft):
    from delegates import papers

    versions = list(paper.versions.prefetch_related("scores__criterion")) if paper else []
    criteria = papers.rubric(guide.topic.committee.conference_id)
    return {"guide": guide, "seat": seat, "draft": draft, "versions": versions,
            "preview": papers.render_paper(guide, draft) if draft.strip() else "",
            "deadline": papers.deadline_of(guide), "max_chars": papers.PAPER_MAX_CHARS,
            "out_of": sum(c.max_points for c in criteria)}


@login_required
def papers_inbox(request, conference, committee, pk):
    """For the committee's chairs and the conference's organizers: each delegation's newest submitted version."""
    from delegates import papers

    guide = _dais_guide(request, conference, committee, pk)
    versions = papers.latest_versions(paper__guide=guide)
    criteria = papers.rubric(guide.topic.committee.conference_id)
    return render(request, "delegates/papers_inbox.html", {
        "guide": guide, "versions": versions, "deadline": papers.deadline_of(guide),
        "out_of": sum(c.max_points for c in criteria), "criteria": criteria})


@login_required
def paper_review_view(request, conference, committee, pk, version_pk):
    from delegates import papers
    from delegates.models import PaperVersion

    guide = _dais_guide(request, conference, committee, pk)
    version = get_object_or_404(PaperVersion.objects.select_related("paper__user", "paper__delegation"),
                                pk=version_pk, paper__guide=guide)
    criteria = papers.rubric(guide.topic.committee.conference_id)
    given = {s.criterion_id: s.points for s in version.scores.all()}
    comments, status = version.comments, 200
    if request.method == "POST":
        given = {c.pk: request.POST.get(f"score-{c.pk}", "") for c in criteria}
        comments = request.POST.get("comments", "")
        give_back = request.POST.get("action") == "return"
        try:
            papers.paper_review(version=version, by=request.user, points={str(k): v for k, v in given.items()},
                                comments=comments, give_back=give_back)
        except ValidationError as error:
            for text in error.messages:
                messages.error(request, text)
            status = 400
        else:
            messages.success(request, "Returned to the delegate, with the scores and comments." if give_back
                             else "Scores and comments saved." if version.returned_at
                             else "Scores and comments saved; the delegate does not see them until you return the paper.")
            return redirect("papers_inbox", conference, committee, pk)
    for criterion in criteria:
        criterion.given = given.get(criterion.pk, "")
    return render(request, "delegates/paper_review.html", {
        "guide": guide, "version": version, "criteria": criteria, "comments": comments,
        "earlier": version.paper.versions.exclude(pk=version.pk).count()}, status=status)


def organizer_papers(request, conference):
    """The rubric, each committee's deadline and late rule, every submission, and the exports."""
    import datetime

    from delegates import papers
    from delegates.models import PaperDeadline

    conference = _organized(request, conference)
    committees = list(conference.committees.select_related("paper_deadline"))
    rubric = papers.rubric_text(conference)
    status = 200
    if request.method == "POST":
        try:
            if request.POST.get("action") == "rubric":
                rubric = request.POST.get("rubric", "")
                papers.rubric_save(conference=conference, text=rubric)
                messages.success(request, "Rubric saved.")
            else:
                values, errors = {}, []
                for committee in committees:
                    raw = request.POST.get(f"due-{committee.pk}", "").strip()
                    due = None
                    if raw:
                        try:
                            due = timezone.make_aware(datetime.datetime.fromisoformat(raw))
                        except ValueError:
                            errors.append(f"{committee.abbreviation}: “{raw}” is not a date and time.")
                    values[committee.pk] = (due, request.POST.get(f"late-{committee.pk}", PaperDeadline.Late.MARK))
                if errors:
                    raise ValidationError(errors)
                papers.deadlines_save(conference=conference, values=values)
                messages.success(request, "Deadlines saved.")
            return redirect("organizer_papers", conference.slug)
        except ValidationError as error:
            for text in error.messages:
                messages.error(request, text)
            status = 400
    return render(request, "delegates/organizer/papers.html", {
        "conference": conference, "committees": committees, "rubric": rubric,
        "late_choices": PaperDeadline.Late.choices,
        "versions": papers.latest_versions(paper__guide__topic__committee__conference=conference)}, status=status)


def organizer_papers_csv(request, conference):
    from delegates import papers

    conference = _organized(request, conference)
    response = HttpResponse(papers.scores_csv(conference), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{conference.slug}-position-paper-scores.csv"'
    return response


def organizer_papers_pdf(request, conference):
    """Every newest paper as one PDF, made in the background: POST starts it; the page shows progress, then the
    download."""
    from delegates.papers import papers_pdf_start

    conference = _organized(request, conference)
    if request.method == "POST":
        papers_pdf_start(user=request.user, conference=conference)
        return redirect("organizer_papers_pdf", conference.slug)
    job = DelegateJob.objects.filter(kind=DelegateJob.Kind.PAPERS_PDF, conference=conference).first()
    lost = bool(job and job.worker_lost())
    return render(request, "delegates/organizer/papers_pdf.html", {
        "conference": conference, "job": job, "lost": lost, "waiting": bool(job and job.waiting_for_a_worker()),
        "refresh": bool(job and job.is_active and not lost)})


def organizer_papers_pdf_download(request, conference, job_pk):
    from django.core.files.storage import default_storage
    from django.http import FileResponse

    conference = _organized(request, conference)
    job = get_object_or_404(DelegateJob, pk=job_pk, conference=conference, kind=DelegateJob.Kind.PAPERS_PDF,
                            status="done")
    if not job.file_name or not default_storage.exists(job.file_name):
        raise Http404("This PDF was replaced by a newer one.")
    return FileResponse(default_storage.open(job.file_name, "rb"), as_attachment=True,
                        filename=f"{conference.slug}-position-papers.pdf", content_type="application/pdf")

"""The signed-in person's own pages."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from guides import queries


@login_required
def profile(request):
    profiles = request.user.delegate_profiles.select_related("conference", "committee", "delegation")
    chaired = queries.committees_chaired_by(request.user).select_related("conference")
    return render(request, "delegates/profile.html", {"profiles": profiles, "chaired": chaired})

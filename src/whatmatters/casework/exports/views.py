"""The export page and its downloads, for roles that may export the person's record."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render

from whatmatters.casework.access.decorators import person_page
from whatmatters.casework.access.permissions import Permission
from whatmatters.casework.exports.service import KINDS, ExportRefused, export, may_export


@person_page(Permission.PERSON_EXPORT)
def index(request, person):
    if not may_export(request.user, person):
        raise PermissionDenied
    return render(request, "exports/index.html", {"person": person})


@person_page(Permission.PERSON_EXPORT)
def download(request, person, kind: str):
    if kind not in KINDS:
        raise Http404
    try:
        filename, content = export(request.user, person, kind, path=request.path)
    except ExportRefused:
        raise PermissionDenied from None
    response = HttpResponse(content, content_type=KINDS[kind].content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response

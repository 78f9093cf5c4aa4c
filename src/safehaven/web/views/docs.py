"""A plain page about the REST API: how to authenticate and where the schema is."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


@login_required
def api_docs(request: HttpRequest) -> HttpResponse:
    return render(request, "web/api_docs.html")

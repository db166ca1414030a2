"""Requests whose address holds a NUL character are refused before any view runs.

PostgreSQL text cannot contain NUL, so a parameter or path with one (``?keys=%00``) would end in
a server error wherever it reaches a query. Such an address is never made by the site.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

MESSAGE = "地址中含有无效的空字符(%00),请检查链接或重新输入。"


class RefuseNullCharacters:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if _has_null(request):
            if request.path.startswith("/api/") or request.GET.get("format", "").startswith("json"):
                return JsonResponse({"error": MESSAGE}, status=400)
            return render(request, "400.html", {"message": MESSAGE}, status=400)
        return self.get_response(request)


def _has_null(request: HttpRequest) -> bool:
    if "\x00" in request.path:
        return True
    return any(
        "\x00" in key or any("\x00" in value for value in values) for key, values in request.GET.lists()
    )

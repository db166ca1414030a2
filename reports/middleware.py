"""Requests the site refuses before any view runs, each with a clear message.

- An address holding a NUL character: PostgreSQL text cannot contain NUL, so a parameter or path
  with one (``?keys=%00``) would end in a server error wherever it reaches a query. Such an
  address is never made by the site.
- Any method but GET and HEAD outside the admin: the public pages, exports and API only read,
  so a POST there gets a 405 naming the methods accepted, not Django's English CSRF page (the
  CSRF check runs after this, so the admin's forms are still checked).

And one answer it trims: a HEAD request answered by a streamed export (search results, all
values) gets the headers alone, without the rows being generated.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render

from .api import error_for_a_client

MESSAGE = "地址中含有无效的空字符(%00),请检查链接或重新输入。"
READ_METHODS = ("GET", "HEAD")
ADMIN_PREFIX = "/admin/"


class RefuseNullCharacters:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if _has_null(request):
            return _refusal(request, MESSAGE, status=400)
        return self.get_response(request)


class RefuseChangesOutsideAdmin:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method in READ_METHODS or request.path.startswith(ADMIN_PREFIX):
            return self.get_response(request)
        message = f"这里只能查看,只接受 GET 或 HEAD 请求,收到的是 {request.method}。"
        response = _refusal(request, message, status=405, title="不支持的请求方法")
        response["Allow"] = ", ".join(READ_METHODS)
        return response


class HeadersOnlyForHead:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if request.method != "HEAD" or not response.streaming:
            return response
        # Not response.close(): that would end the request (its signal closes the database
        # connection) before the trimmed answer is sent; the rows' generator is just dropped.
        trimmed = HttpResponse(status=response.status_code)
        for header, value in response.items():
            trimmed[header] = value
        return trimmed


def _refusal(request: HttpRequest, message: str, status: int, title: str = "") -> HttpResponse:
    """JSON for the API and JSON exports, plain text for the CSV exports (as their own refusals
    are), else the site's Chinese error page."""
    answer = error_for_a_client(request, message, status)
    return answer or render(request, "400.html", {"message": message, "title": title}, status=status)


def _has_null(request: HttpRequest) -> bool:
    if "\x00" in request.path:
        return True
    return any(
        "\x00" in key or any("\x00" in value for value in values) for key, values in request.GET.lists()
    )

"""Datasette plugin loaded by ``python -m bot logs serve``: a refused or unknown request (4xx) is one line on
the terminal, not Datasette's rich traceback with its locals (the request scope, ~300 lines per refusal).

It replaces Datasette's default exception handler, which prints that traceback for every error before any
other handler can answer. The line names the method, the path (never the query string: a filter may hold a
member's words) and the status; a server error (5xx) still prints its traceback, without the locals.
"""

from __future__ import annotations

import sys
import traceback
from typing import Any

from datasette import Response, hookimpl
from datasette.plugins import pm

DEFAULT_HANDLER = "datasette.handle_exception"


@hookimpl
def startup(datasette: Any) -> None:
    if pm.get_plugin(DEFAULT_HANDLER) is not None:
        pm.unregister(name=DEFAULT_HANDLER)


def _status(exception: BaseException) -> int:
    status = getattr(exception, "status", 500)
    return status if isinstance(status, int) and 400 <= status < 600 else 500


@hookimpl
def handle_exception(datasette: Any, request: Any, exception: BaseException) -> Any:
    async def answer() -> Any:
        status = _status(exception)
        message = str(getattr(exception, "message", None) or (exception.args[0] if exception.args else exception))
        print(f"dashboard: {request.method} {request.path}: {status} {message}", file=sys.stderr, flush=True)
        if status >= 500:
            traceback.print_exception(exception, file=sys.stderr)
        info = {"ok": False, "error": message, "status": status, "title": getattr(exception, "title", None)}
        if request.path.endswith(".json"):
            return Response.json(info, status=status)
        template = datasette.jinja_env.select_template([f"{status}.html", "error.html"])
        page = await template.render_async({
            **info, "urls": datasette.urls, "app_css_hash": datasette.app_css_hash(), "menu_links": lambda: [],
        })
        return Response.html(page, status=status)

    return answer

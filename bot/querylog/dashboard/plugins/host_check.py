"""Datasette plugin loaded by ``python -m bot logs serve`` (``--plugins-dir``): refuse a request whose Host
header is not an address the dashboard is served on.

A web page on any site can make the maintainer's browser send requests to 127.0.0.1 under its own host name
(DNS rebinding); checking Host closes that door. Not configured means nothing is allowed (fail closed).
"""

from __future__ import annotations

from typing import Any

from datasette import hookimpl

PLUGIN = "bot-host-check"
REFUSED = b"421 Misdirected Request: this dashboard only answers under the address it was started on.\n"


@hookimpl
def asgi_wrapper(datasette: Any) -> Any:
    allowed = {str(h).lower() for h in (datasette.plugin_config(PLUGIN) or {}).get("hosts", [])}

    def wrap(app: Any) -> Any:
        async def checked(scope: dict, receive: Any, send: Any) -> None:
            if scope.get("type") == "http":
                host = dict(scope.get("headers") or []).get(b"host", b"").decode("latin-1").lower()
                if host not in allowed:
                    headers = [[b"content-type", b"text/plain; charset=utf-8"]]
                    await send({"type": "http.response.start", "status": 421, "headers": headers})
                    await send({"type": "http.response.body", "body": REFUSED})
                    return
            await app(scope, receive, send)

        return checked

    return wrap

"""A fake Discord for tests: REST under ``/api/v10``, a gateway websocket, attachment downloads.

It runs on 127.0.0.1 with a free port, speaks plain JSON text frames (no zlib), records every
REST request (method, path, query, JSON body) and every heartbeat, and can push gateway events.
Hooks for fault tests: :meth:`FakeDiscord.override` answers a route your way (429 with
``retry_after``, 500 …), :meth:`FakeDiscord.close_gateway` closes the socket with a code,
``ack_heartbeats`` / ``allow_resume`` change the gateway's behaviour, ``heartbeats`` holds timings.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import itertools
import json
import re
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from aiohttp import WSMsgType, web

from . import payloads as p

Json = dict[str, Any]
Override = Callable[["RecordedRequest"], "web.StreamResponse | Awaitable[web.StreamResponse | None] | None"]

EPHEMERAL = 1 << 6
LOADING = 1 << 7


def json_response(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> web.Response:
    """JSON with ``Content-Type: application/json`` exactly (discord.py reads anything else as text)."""
    return web.Response(
        body=json.dumps(data).encode(), status=status, headers={"Content-Type": "application/json", **(headers or {})}
    )


def rate_limited(retry_after: float = 0.05, *, global_: bool = False) -> web.Response:
    """A 429 as Discord sends it (for an :meth:`FakeDiscord.override`).

    The ``Via`` header matters: discord.py treats a 429 without it as a Cloudflare ban and gives up.
    """
    body = {"message": "You are being rate limited.", "retry_after": retry_after, "global": global_}
    headers = {"Retry-After": str(retry_after), "X-RateLimit-Scope": "user", "Via": "1.1 google"}
    if global_:
        headers["X-RateLimit-Global"] = "true"
    return json_response(body, 429, headers)


def server_error(status: int = 500) -> web.Response:
    return json_response({"message": "Internal Server Error", "code": 0}, status)


@dataclass
class RecordedRequest:
    method: str
    path: str  # after /api/v10, e.g. /channels/1/messages
    query: dict[str, str]
    json: Any  # the JSON body (``payload_json`` of a multipart body); None when empty
    headers: dict[str, str]
    at: float  # time.monotonic() on arrival
    status: int = 0  # what the fake answered
    files: list[str] = field(default_factory=list)  # file names of a multipart body


@dataclass
class Heartbeat:
    at: float  # time.monotonic() on arrival
    sequence: int | None


@dataclass
class FakeUser:
    """A person (or bot) of the fake world; ``permissions`` is what Discord resolves for interactions."""

    id: int
    name: str
    roles: list[int] = field(default_factory=list)
    permissions: int = p.MEMBER_PERMISSIONS
    locale: str = "en-US"
    bot: bool = False

    @property
    def payload(self) -> Json:
        return p.user(self.id, self.name, bot=self.bot)

    def member(self, *, with_permissions: bool = False) -> Json:
        return p.member(self.payload, self.roles, permissions=self.permissions if with_permissions else None)

    @property
    def mention(self) -> str:
        return f"<@{self.id}>"


@dataclass
class FakeInteraction:
    id: int
    token: str
    payload: Json
    original_id: int | None = None  # message id of the response (type 4/5), once answered


@dataclass
class _Connection:
    ws: web.WebSocketResponse
    session_id: str = ""
    identified: bool = False


class FakeDiscord:
    """One guild ("Test server") with channels ``general`` and ``off-topic`` and a few members."""

    def __init__(self, *, heartbeat_interval: float = 41.25, guild_locale: str = "en-US") -> None:
        self.ids = p.Snowflakes()
        self.heartbeat_interval = heartbeat_interval
        self.application_id = self.ids()
        self.bot_user = FakeUser(self.application_id, "declaration-bot", bot=True)
        self.guild_id = self.ids()
        self.channel_id = self.ids()
        self.other_channel_id = self.ids()
        self.moderator_role = self.ids()
        self.maintainer_role = self.ids()
        self.bot_role = self.ids()  # the bot's managed role
        self.guild_locale = guild_locale
        self.alice = FakeUser(self.ids(), "alice")
        self.bob = FakeUser(self.ids(), "bob", locale="fr")
        self.admin = FakeUser(self.ids(), "admin", permissions=p.MEMBER_PERMISSIONS | p.MANAGE_GUILD)
        self.moderator = FakeUser(self.ids(), "moderator", roles=[self.moderator_role])
        self.maintainer = FakeUser(self.ids(), "maintainer", roles=[self.maintainer_role])
        self.members = [self.alice, self.bob, self.admin, self.moderator, self.maintainer]

        self.requests: list[RecordedRequest] = []
        self.heartbeats: list[Heartbeat] = []
        self.identifies: list[Json] = []
        self.resumes: list[Json] = []
        self.gateway_received: list[Json] = []
        self.ack_heartbeats = True
        self.allow_resume = True
        self.commands: dict[int | None, list[Json]] = {}  # guild id (None: global) -> synced commands
        self.messages: dict[int, Json] = {}
        self.threads: dict[int, Json] = {}  # the threads the bot opened, by id (renamed and archived in place)
        self.interactions: dict[str, FakeInteraction] = {}
        self.files: dict[int, bytes] = {}
        self._overrides: list[tuple[str, re.Pattern[str], Override]] = []
        self._connections: list[_Connection] = []
        self._sequence = 0
        self._changed = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self.port = 0
        self._routes: list[tuple[str, re.Pattern[str], Callable[..., Awaitable[web.StreamResponse]]]] = []
        self._add_routes()

    # -- lifecycle ---------------------------------------------------------------------------------------
    async def start(self) -> None:
        app = web.Application(client_max_size=16 * 1024 * 1024)
        app.router.add_get("/gateway", self._gateway)
        app.router.add_get("/attachments/{id}/{filename}", self._attachment)
        app.router.add_route("*", "/api/v10/{tail:.*}", self._rest)
        self._runner = web.AppRunner(app, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

    async def stop(self) -> None:
        for conn in list(self._connections):
            with contextlib.suppress(Exception):
                await conn.ws.close(code=1001)
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FakeDiscord:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def api_base(self) -> str:
        return f"{self.base_url}/api/v10"

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/gateway"

    # -- hooks for tests ---------------------------------------------------------------------------------
    def override(self, method: str, path_pattern: str, handler: Override) -> Callable[[], None]:
        """Answer ``method`` requests whose path fully matches ``path_pattern`` with ``handler(request)``.

        The handler may return None to let the fake answer normally. Returns a function removing the override.
        """
        entry = (method.upper(), re.compile(path_pattern), handler)
        self._overrides.append(entry)
        return lambda: self._overrides.remove(entry)

    def find(self, method: str | None = None, path_pattern: str | None = None) -> list[RecordedRequest]:
        pattern = re.compile(path_pattern) if path_pattern else None
        return [
            r
            for r in self.requests
            if (method is None or r.method == method.upper()) and (pattern is None or pattern.fullmatch(r.path))
        ]

    async def wait_for(
        self, method: str, path_pattern: str, *, after: int = 0, timeout: float = 5.0
    ) -> RecordedRequest:
        """The first request (from index ``after`` of :attr:`requests`) matching, waiting up to ``timeout`` s."""
        pattern = re.compile(path_pattern)

        def match() -> RecordedRequest | None:
            for r in self.requests[after:]:
                if r.method == method.upper() and pattern.fullmatch(r.path) and r.status:
                    return r
            return None

        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(match), timeout)
        found = match()
        assert found is not None
        return found

    @property
    def heartbeat_gaps(self) -> list[float]:
        """Seconds between consecutive heartbeats (compare with :attr:`heartbeat_interval`)."""
        times = [h.at for h in self.heartbeats]
        return [b - a for a, b in itertools.pairwise(times)]

    async def wait_heartbeats(self, count: int, timeout: float = 5.0) -> None:
        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(lambda: len(self.heartbeats) >= count), timeout)

    async def wait_connected(self, timeout: float = 5.0) -> None:
        async with self._changed:
            await asyncio.wait_for(
                self._changed.wait_for(lambda: any(c.identified and not c.ws.closed for c in self._connections)),
                timeout,
            )

    async def close_gateway(self, code: int = 4000, message: bytes = b"") -> None:
        """Close every gateway socket with ``code`` (4000: the client reconnects and resumes)."""
        for conn in list(self._connections):
            conn.identified = False  # no event goes to a socket being closed
            await conn.ws.close(code=code, message=message)

    async def send_gateway(self, payload: Json) -> None:
        """Send a raw gateway payload (e.g. ``{"op": 7}`` reconnect, ``{"op": 9, "d": False}``) to every socket."""
        for conn in list(self._connections):
            if not conn.ws.closed:
                with contextlib.suppress(ConnectionError):
                    await conn.ws.send_str(json.dumps(payload))

    async def dispatch(self, event: str, data: Json) -> None:
        """Send a DISPATCH event to every identified gateway connection."""
        for conn in list(self._connections):
            if conn.identified and not conn.ws.closed:
                with contextlib.suppress(ConnectionError):  # the client hung up meanwhile
                    await self._send_event(conn, event, data)

    # -- the world as the bot sees it --------------------------------------------------------------------
    def guild_payload(self) -> Json:
        roles = [
            p.role(self.guild_id, "@everyone", 0, p.MEMBER_PERMISSIONS),
            p.role(self.moderator_role, "Moderators", 1),
            p.role(self.maintainer_role, "Maintainers", 2),
            p.role(self.bot_role, "declaration-bot", 3, bot_id=self.bot_user.id),
        ]
        channels = [
            p.text_channel(self.channel_id, self.guild_id, "general", 0),
            p.text_channel(self.other_channel_id, self.guild_id, "off-topic", 1),
        ]
        members = [p.member(self.bot_user.payload, [self.bot_role])]
        return p.guild(
            self.guild_id,
            "Test server",
            owner_id=self.admin.id,
            roles=roles,
            channels=channels,
            members=members,
            preferred_locale=self.guild_locale,
        )

    def app_info(self) -> Json:
        return {
            "id": str(self.application_id),
            "name": "declaration-bot",
            "icon": None,
            "description": "",
            "bot_public": False,
            "bot_require_code_grant": False,
            "owner": self.admin.payload,
            "verify_key": "0" * 64,
            "flags": 0,
            "team": None,
            "summary": "",
        }

    # -- events pushed to the bot ------------------------------------------------------------------------
    async def post_message(
        self, content: str, *, author: FakeUser, channel_id: int | None = None, dm: bool = False,
        reply_to: Json | None = None, ping: bool = True,
    ) -> Json:
        """A member's message (MESSAGE_CREATE); ``<@bot>`` in ``content`` makes it a mention. ``reply_to``: the
        message it replies to (Discord's "Reply"), whose author it mentions unless ``ping`` is off."""
        mentions = [self.bot_user.payload] if self.bot_user.mention in content else []
        if reply_to is not None and ping and reply_to["author"]["id"] not in {m["id"] for m in mentions}:
            mentions.append(reply_to["author"])
        mention_roles = [self.bot_role] if f"<@&{self.bot_role}>" in content else []
        if dm:
            data = p.message(self.ids(), channel_id or self.ids(), author.payload, content=content, mentions=mentions)
        else:
            data = p.message(
                self.ids(),
                channel_id or self.channel_id,
                author.payload,
                content=content,
                guild_id=self.guild_id,
                author_member=author.member(),
                mentions=mentions,
                mention_roles=mention_roles,
            )
        if reply_to is not None:  # type 19, with the message replied to as Discord sends it
            data["type"] = 19
            data["message_reference"] = {"message_id": reply_to["id"], "channel_id": reply_to["channel_id"],
                                         **({"guild_id": reply_to["guild_id"]} if "guild_id" in reply_to else {})}
            data["referenced_message"] = reply_to
        self.messages[int(data["id"])] = data
        await self.dispatch("MESSAGE_CREATE", data)
        return data

    async def slash(
        self,
        name: str,
        options: dict[str, Any] | None = None,
        *,
        user: FakeUser,
        subcommand: str | None = None,
        attachments: dict[str, tuple[str, bytes]] | None = None,
        channel_id: int | None = None,
        dm: bool = False,
        locale: str | None = None,
        guild_id: int | None = None,
    ) -> FakeInteraction:
        """Run ``/name [subcommand] options…`` as ``user`` (INTERACTION_CREATE type 2); ``guild_id``: from another
        server than the test server (one the bot is in but the fake does not otherwise model)."""
        opts = [_option(k, v) for k, v in (options or {}).items()]
        resolved: Json = {}
        for option_name, (filename, data) in (attachments or {}).items():
            attachment = self.add_attachment(filename, data)
            opts.append({"name": option_name, "type": 11, "value": attachment["id"]})
            resolved.setdefault("attachments", {})[attachment["id"]] = attachment
        if subcommand is not None:
            opts = [{"name": subcommand, "type": 1, "options": opts}]
        command = self.command(name)
        data: Json = {"id": command["id"] if command else str(self.ids()), "name": name, "type": 1, "options": opts}
        if command and not dm and command.get("guild_id") == str(guild_id or self.guild_id):
            data["guild_id"] = command["guild_id"]  # as Discord does for a guild command used in its server
        if resolved:
            data["resolved"] = resolved
        return await self._interact(2, data, user=user, channel_id=channel_id, dm=dm, locale=locale, guild_id=guild_id)

    async def click(
        self, message_id: int, custom_id: str, *, user: FakeUser, locale: str | None = None
    ) -> FakeInteraction:
        """Press the button ``custom_id`` of a message the bot sent (INTERACTION_CREATE type 3)."""
        msg = self.messages[message_id]
        dm = "guild_id" not in msg
        data = {"custom_id": custom_id, "component_type": 2}
        channel_id = int(msg["channel_id"])
        return await self._interact(3, data, user=user, channel_id=channel_id, dm=dm, locale=locale, message=msg)

    async def autocomplete(
        self, name: str, option: str, typed: str, *, user: FakeUser, locale: str | None = None
    ) -> FakeInteraction:
        """Type ``typed`` into option ``option`` of ``/name`` (INTERACTION_CREATE type 4, the option focused)."""
        command = self.command(name)
        data: Json = {
            "id": command["id"] if command else str(self.ids()),
            "name": name,
            "type": 1,
            "options": [{"name": option, "type": 3, "value": typed, "focused": True}],
        }
        return await self._interact(4, data, user=user, channel_id=None, dm=False, locale=locale)

    async def wait_response(self, interaction: FakeInteraction, *, timeout: float = 5.0) -> RecordedRequest:
        """The callback request answering ``interaction``."""
        return await self.wait_for(
            "POST", rf"/interactions/{interaction.id}/{re.escape(interaction.token)}/callback", timeout=timeout
        )

    async def wait_followup(
        self, interaction: FakeInteraction, *, after: int = 0, timeout: float = 5.0
    ) -> RecordedRequest:
        return await self.wait_for(
            "POST", rf"/webhooks/{self.application_id}/{re.escape(interaction.token)}", after=after, timeout=timeout
        )

    def command(self, name: str) -> Json | None:
        """A synced command by name (guild commands first)."""
        for scope in sorted(self.commands, key=lambda k: k is None):
            for cmd in self.commands[scope]:
                if cmd["name"] == name:
                    return cmd
        return None

    def add_attachment(self, filename: str, data: bytes, content_type: str = "text/plain") -> Json:
        attachment_id = self.ids()
        self.files[attachment_id] = data
        url = f"{self.base_url}/attachments/{attachment_id}/{quote(filename, safe='')}"
        return p.attachment(attachment_id, filename, len(data), url, content_type)

    def buttons(self, message: Json) -> list[Json]:
        return [c for row in message.get("components", []) for c in row.get("components", [])]

    async def _interact(
        self,
        kind: int,
        data: Json,
        *,
        user: FakeUser,
        channel_id: int | None,
        dm: bool,
        locale: str | None,
        message: Json | None = None,
        guild_id: int | None = None,
    ) -> FakeInteraction:
        guild = guild_id or self.guild_id
        interaction_id = self.ids()
        token = f"tok-{interaction_id}"
        payload: Json = {
            "id": str(interaction_id),
            "application_id": str(self.application_id),
            "type": kind,
            "data": data,
            "token": token,
            "version": 1,
            "locale": locale or user.locale,
            "app_permissions": str(p.MEMBER_PERMISSIONS),
            "attachment_size_limit": 10 * 1024 * 1024,
            "entitlements": [],
            "authorizing_integration_owners": {"0": str(guild)},
            "context": 1 if dm else 0,
        }
        if dm:
            dm_id = channel_id or self.ids()
            payload["channel_id"] = str(dm_id)
            payload["channel"] = {"id": str(dm_id), "type": 1, "recipients": [user.payload]}
            payload["user"] = user.payload
        else:
            channel = channel_id or self.channel_id
            payload["guild_id"] = str(guild)
            payload["guild_locale"] = self.guild_locale
            payload["channel_id"] = str(channel)
            payload["channel"] = p.text_channel(channel, guild, "general")
            payload["member"] = user.member(with_permissions=True)
        if message is not None:
            payload["message"] = message
        interaction = FakeInteraction(interaction_id, token, payload)
        self.interactions[token] = interaction
        await self.dispatch("INTERACTION_CREATE", payload)
        return interaction

    # -- gateway -----------------------------------------------------------------------------------------
    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(max_msg_size=0)
        await ws.prepare(request)
        conn = _Connection(ws)
        self._connections.append(conn)
        try:
            await ws.send_str(json.dumps({"op": 10, "d": {"heartbeat_interval": int(self.heartbeat_interval * 1000)}}))
            async for msg in ws:
                if msg.type == WSMsgType.TEXT:
                    await self._on_gateway(conn, json.loads(msg.data))
                elif msg.type in (WSMsgType.ERROR, WSMsgType.CLOSE):
                    break
        finally:
            self._connections.remove(conn)
            await self._notify()
        return ws

    async def _on_gateway(self, conn: _Connection, payload: Json) -> None:
        self.gateway_received.append(payload)
        op = payload.get("op")
        if op == 1:
            self.heartbeats.append(Heartbeat(time.monotonic(), payload.get("d")))
            if self.ack_heartbeats:
                await conn.ws.send_str(json.dumps({"op": 11}))
        elif op == 2:
            self.identifies.append(payload["d"])
            conn.session_id = f"session-{self.ids()}"
            conn.identified = True
            await self._send_event(conn, "READY", self._ready(conn))
            await self._send_event(conn, "GUILD_CREATE", self.guild_payload())
        elif op == 6:
            self.resumes.append(payload["d"])
            if self.allow_resume:
                conn.session_id = payload["d"].get("session_id", conn.session_id)
                conn.identified = True
                await self._send_event(conn, "RESUMED", {})
            else:
                await conn.ws.send_str(json.dumps({"op": 9, "d": False}))
        await self._notify()

    def _ready(self, conn: _Connection) -> Json:
        return {
            "v": 10,
            "user": self.bot_user.payload,
            "guilds": [{"id": str(self.guild_id), "unavailable": True}],
            "session_id": conn.session_id,
            "resume_gateway_url": self.gateway_url,
            "application": {"id": str(self.application_id), "flags": 0},
            "private_channels": [],
            "relationships": [],
        }

    async def _send_event(self, conn: _Connection, event: str, data: Json) -> None:
        self._sequence += 1
        await conn.ws.send_str(json.dumps({"op": 0, "t": event, "s": self._sequence, "d": data}))

    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    # -- REST --------------------------------------------------------------------------------------------
    def _add_routes(self) -> None:
        app, snow, token = r"(?P<app>\d+)", r"(?P<{}>\d+)", r"(?P<token>[^/]+)"
        routes = [
            ("GET", r"/users/@me", self._me),
            ("GET", r"/oauth2/applications/@me", self._app_info),
            ("PUT", rf"/applications/{app}/commands", self._put_commands),
            ("PUT", rf"/applications/{app}/guilds/{snow.format('guild')}/commands", self._put_commands),
            ("GET", rf"/applications/{app}/commands", self._get_commands),
            ("GET", rf"/applications/{app}/guilds/{snow.format('guild')}/commands", self._get_commands),
            ("POST", rf"/channels/{snow.format('channel')}/messages", self._create_message),
            ("PATCH", rf"/channels/{snow.format('channel')}/messages/{snow.format('message')}", self._edit_message),
            ("DELETE", rf"/channels/{snow.format('channel')}/messages/{snow.format('message')}", self._no_content),
            ("POST", rf"/channels/{snow.format('channel')}/messages/{snow.format('message')}/threads", self._thread),
            ("POST", rf"/channels/{snow.format('channel')}/threads", self._thread),
            ("PATCH", rf"/channels/{snow.format('channel')}", self._edit_thread),
            ("POST", rf"/channels/{snow.format('channel')}/typing", self._no_content),
            ("POST", rf"/interactions/{snow.format('interaction')}/{token}/callback", self._callback),
            ("POST", rf"/webhooks/{app}/{token}", self._followup),
            ("GET", rf"/webhooks/{app}/{token}/messages/(?P<message>@original|\d+)", self._get_webhook_message),
            ("PATCH", rf"/webhooks/{app}/{token}/messages/(?P<message>@original|\d+)", self._edit_webhook_message),
            ("DELETE", rf"/webhooks/{app}/{token}/messages/(?P<message>@original|\d+)", self._no_content),
        ]
        self._routes = [(m, re.compile(pattern), handler) for m, pattern, handler in routes]

    async def _rest(self, request: web.Request) -> web.StreamResponse:
        record = await _record(request)
        self.requests.append(record)
        try:
            response = await self._answer(record)
        except Exception as error:  # a bug in the fake must show up as a 500 the test can see
            response = json_response({"message": f"fake discord error: {error!r}", "code": 0}, 500)
        record.status = response.status
        await self._notify()
        return response

    async def _answer(self, record: RecordedRequest) -> web.StreamResponse:
        for method, pattern, handler in list(self._overrides):
            if method == record.method and pattern.fullmatch(record.path):
                result = handler(record)
                if inspect.isawaitable(result):
                    result = await result
                if result is not None:
                    return result
        for method, pattern, route in self._routes:
            match = pattern.fullmatch(record.path)
            if method == record.method and match:
                return await route(record, **match.groupdict())
        return json_response({"message": "404: Not Found", "code": 0}, 404)

    async def _me(self, record: RecordedRequest) -> web.Response:
        return json_response(self.bot_user.payload)

    async def _app_info(self, record: RecordedRequest) -> web.Response:
        return json_response(self.app_info())

    async def _put_commands(self, record: RecordedRequest, app: str, guild: str | None = None) -> web.Response:
        scope = int(guild) if guild else None
        stored = []
        for cmd in record.json or []:
            item = {"id": str(self.ids()), "application_id": app, "version": str(self.ids()), "type": 1, **cmd}
            if scope is not None:
                item["guild_id"] = str(scope)
            item.setdefault("description", "")
            stored.append(item)
        self.commands[scope] = stored
        return json_response(stored)

    async def _get_commands(self, record: RecordedRequest, app: str, guild: str | None = None) -> web.Response:
        return json_response(self.commands.get(int(guild) if guild else None, []))

    def _bot_message(self, channel_id: int, body: Json, *, webhook: bool = False) -> Json:
        guild_id = None if channel_id not in (self.channel_id, self.other_channel_id) else self.guild_id
        reference = body.get("message_reference")
        msg = p.message(
            self.ids(),
            channel_id,
            self.bot_user.payload,
            content=body.get("content") or "",
            guild_id=guild_id,
            embeds=body.get("embeds") or [],
            components=body.get("components") or [],
            flags=int(body.get("flags") or 0),
            message_reference=reference,
            webhook_id=self.application_id if webhook else None,
        )
        self.messages[int(msg["id"])] = msg
        return msg

    async def _create_message(self, record: RecordedRequest, channel: str) -> web.Response:
        return json_response(self._bot_message(int(channel), record.json or {}))

    async def _edit_message(self, record: RecordedRequest, channel: str, message: str) -> web.Response:
        msg = self.messages.get(int(message))
        if msg is None:
            return json_response({"message": "Unknown Message", "code": 10008}, 404)
        msg.update({k: v for k, v in (record.json or {}).items() if k in ("content", "embeds", "components", "flags")})
        return json_response(msg)

    async def _no_content(self, record: RecordedRequest, **_: str) -> web.Response:
        return web.Response(status=204)

    async def _thread(self, record: RecordedRequest, channel: str, message: str | None = None) -> web.Response:
        body = record.json or {}
        thread = p.thread_channel(self.ids(), self.guild_id, int(channel), self.bot_user.id, body.get("name", "thread"))
        self.threads[int(thread["id"])] = thread
        return json_response(thread)

    async def _edit_thread(self, record: RecordedRequest, channel: str) -> web.Response:
        """PATCH of a thread the bot opened: as its creator it may change ``name`` and ``archived`` only."""
        thread = self.threads.get(int(channel))
        if thread is None:
            return json_response({"message": "Unknown Channel", "code": 10003}, 404)
        body = record.json or {}
        if set(body) - {"name", "archived", "auto_archive_duration"}:
            return json_response({"message": "Missing Permissions", "code": 50013}, 403)
        if "name" in body:
            thread["name"] = body["name"]
        if "archived" in body:
            thread["thread_metadata"]["archived"] = bool(body["archived"])
        return json_response(thread)

    async def _callback(self, record: RecordedRequest, interaction: str, token: str) -> web.Response:
        found = self.interactions.get(token)
        if found is None:
            return json_response({"message": "Unknown interaction", "code": 10062}, 404)
        if found.original_id is not None or any(
            r.path == record.path and r.status == 200 for r in self.requests if r is not record
        ):
            return json_response({"message": "Interaction has already been acknowledged.", "code": 40060}, 400)
        body = record.json or {}
        kind = int(body.get("type", 0))
        data = body.get("data") or {}
        channel_id = int(found.payload["channel_id"])
        response: Json = {
            "interaction": {
                "id": interaction,
                "type": found.payload["type"],
                "response_message_loading": kind == 5,
                "response_message_ephemeral": bool(int(data.get("flags") or 0) & EPHEMERAL),
            }
        }
        if kind in (4, 5):
            flags = int(data.get("flags") or 0) | (LOADING if kind == 5 else 0)
            msg = self._bot_message(channel_id, {**data, "flags": flags}, webhook=True)
            found.original_id = int(msg["id"])
            response["interaction"]["response_message_id"] = msg["id"]
            response["resource"] = {"type": kind, "message": msg}
        elif kind == 7 and "message" in found.payload:
            msg = self.messages[int(found.payload["message"]["id"])]
            msg.update({k: v for k, v in data.items() if k in ("content", "embeds", "components")})
            response["resource"] = {"type": kind, "message": msg}
        else:
            response["resource"] = {"type": kind}
        return json_response(response)

    def _webhook_target(self, token: str, message: str) -> Json | None:
        found = self.interactions.get(token)
        if found is None:
            return None
        if message == "@original":
            if found.original_id is None and "message" in found.payload:  # a component's deferred update
                return self.messages.get(int(found.payload["message"]["id"]))
            return self.messages.get(found.original_id or 0)
        return self.messages.get(int(message))

    async def _followup(self, record: RecordedRequest, app: str, token: str) -> web.Response:
        found = self.interactions.get(token)
        if found is None:
            return json_response({"message": "Unknown Webhook", "code": 10015}, 404)
        msg = self._bot_message(int(found.payload["channel_id"]), record.json or {}, webhook=True)
        return json_response(msg) if record.query.get("wait") in ("1", "true", "True") else web.Response(status=204)

    async def _get_webhook_message(self, record: RecordedRequest, app: str, token: str, message: str) -> web.Response:
        msg = self._webhook_target(token, message)
        return json_response(msg) if msg else json_response({"message": "Unknown Message", "code": 10008}, 404)

    async def _edit_webhook_message(self, record: RecordedRequest, app: str, token: str, message: str) -> web.Response:
        msg = self._webhook_target(token, message)
        if msg is None:
            return json_response({"message": "Unknown Message", "code": 10008}, 404)
        msg.update({k: v for k, v in (record.json or {}).items() if k in ("content", "embeds", "components")})
        msg["flags"] = int(msg.get("flags") or 0) & ~LOADING
        return json_response(msg)

    async def _attachment(self, request: web.Request) -> web.Response:
        data = self.files.get(int(request.match_info["id"]))
        if data is None:
            return web.Response(status=404)
        return web.Response(body=data, headers={"Content-Type": "application/octet-stream"})


def _option(name: str, value: Any) -> Json:
    kind = 5 if isinstance(value, bool) else 4 if isinstance(value, int) else 10 if isinstance(value, float) else 3
    return {"name": name, "type": kind, "value": value}


async def _record(request: web.Request) -> RecordedRequest:
    body: Any = None
    files: list[str] = []
    if request.content_type.startswith("multipart/"):
        reader = await request.multipart()
        async for part in reader:
            if part.name == "payload_json":  # type: ignore[union-attr]
                body = json.loads(await part.text())  # type: ignore[union-attr]
            else:
                files.append(part.filename or part.name or "")  # type: ignore[union-attr]
                await part.read()  # type: ignore[union-attr]
    else:
        raw = await request.read()
        if raw:
            try:
                body = json.loads(raw)
            except ValueError:
                body = raw.decode("utf-8", "replace")
    path = request.path.removeprefix("/api/v10")
    return RecordedRequest(
        request.method, path, dict(request.query), body, dict(request.headers), time.monotonic(), files=files
    )


def payload_of(requests: Sequence[RecordedRequest]) -> list[Any]:
    """The JSON bodies of ``requests`` (handy in assertions and when printing a session)."""
    return [r.json for r in requests]

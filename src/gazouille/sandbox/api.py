"""The part of the X API v2 gazouille uses, with X's request and response shapes.

Each endpoint is a function ``(api, request, user) -> Response``; the HTTP
layer (``server.py``) has already checked the OAuth signature and found the
user. Error bodies follow X: ``about:blank`` problems for 401/403/429/5xx and
``invalid-request`` problems with per-parameter ``errors`` for 400.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
import struct
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from email import policy
from email.parser import BytesParser
from functools import cache
from http import HTTPStatus
from typing import Any
from urllib.parse import parse_qs

from gazouille.sandbox.store import Media, Post, Store, User
from gazouille.tweet_length import MAX_WEIGHTED_LENGTH, extract_urls, weighted_length

MEDIA_EXPIRES_AFTER_SECS = 86400
MAX_MEDIA_PER_POST = 4
MAX_ALT_TEXT = 1000
MAX_IMAGE_BYTES = 5 * 1024 * 1024
MAX_GIF_BYTES = 15 * 1024 * 1024
MEDIA_CATEGORIES = ("tweet_image", "tweet_gif", "tweet_video", "amplify_video", "subtitles")
# What X accepts in POST /2/tweets "reply_settings"; absent means everyone, and
# "everyone" itself is refused, as X does.
REPLY_SETTINGS = ("following", "mentionedUsers", "subscribers", "verified")
TWEET_FIELDS = frozenset(
    [
        "article",
        "attachments",
        "author_id",
        "card_uri",
        "community_id",
        "context_annotations",
        "conversation_id",
        "created_at",
        "display_text_range",
        "edit_controls",
        "edit_history_tweet_ids",
        "entities",
        "geo",
        "id",
        "in_reply_to_user_id",
        "lang",
        "media_metadata",
        "non_public_metrics",
        "note_tweet",
        "organic_metrics",
        "possibly_sensitive",
        "promoted_metrics",
        "public_metrics",
        "referenced_tweets",
        "reply_settings",
        "scopes",
        "source",
        "text",
        "withheld",
    ]
)
MEDIA_FIELDS = frozenset(
    [
        "alt_text",
        "duration_ms",
        "height",
        "media_key",
        "non_public_metrics",
        "organic_metrics",
        "preview_image_url",
        "promoted_metrics",
        "public_metrics",
        "type",
        "url",
        "variants",
        "width",
    ]
)
EXPANSIONS = frozenset(["attachments.media_keys", "author_id", "referenced_tweets.id"])
TIMELINE_PARAMS = frozenset(
    [
        "max_results",
        "pagination_token",
        "tweet.fields",
        "expansions",
        "media.fields",
        "user.fields",
        "since_id",
        "until_id",
        "exclude",
        "start_time",
        "end_time",
    ]
)
INVALID_REQUEST = "https://api.twitter.com/2/problems/invalid-request"
NOT_FOUND = "https://api.twitter.com/2/problems/resource-not-found"
DUPLICATE = "You are not allowed to create a Tweet with duplicate content."


@dataclass
class Request:
    method: str
    path: str
    query: str
    headers: dict[str, str]
    body: bytes

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "")

    def params(self) -> dict[str, str]:
        return {k: v[-1] for k, v in parse_qs(self.query, keep_blank_values=True).items()}

    def json(self) -> Any:
        return json.loads(self.body.decode("utf-8"))


@dataclass
class Response:
    status: int
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str = "application/json; charset=utf-8"
    raw: bytes | None = None

    def payload(self) -> bytes:
        if self.raw is not None:
            return self.raw
        if self.body is None:
            return b""
        return json.dumps(self.body, ensure_ascii=False).encode("utf-8")


def problem(status: int, detail: str | None = None, title: str | None = None) -> Response:
    """X's ``about:blank`` problem body: title, detail, type, status."""
    phrase = HTTPStatus(status).phrase
    return Response(
        status,
        {
            "title": title or phrase,
            "detail": detail or phrase,
            "type": "about:blank",
            "status": status,
        },
    )


def invalid(message: str, parameters: dict[str, list[str]] | None = None) -> Response:
    """X's 400 body: one error per offending parameter."""
    error: dict[str, Any] = {"message": message}
    if parameters is not None:
        error["parameters"] = parameters
    return Response(
        400,
        {
            "errors": [error],
            "title": "Invalid Request",
            "detail": "One or more parameters to your request was invalid.",
            "type": INVALID_REQUEST,
        },
    )


@dataclass(frozen=True)
class Part:
    """One named part of a ``multipart/form-data`` body."""

    name: str
    filename: str | None
    content_type: str
    data: bytes


def form_parts(request: Request) -> list[Part] | None:
    """The named parts of the request's multipart body, or None when it is not multipart."""
    message = BytesParser(policy=policy.HTTP).parsebytes(
        b"Content-Type: " + request.content_type.encode("latin-1") + b"\r\n\r\n" + request.body
    )
    if not message.is_multipart():
        return None
    parts = []
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        payload = part.get_payload(decode=True)
        if isinstance(name, str) and isinstance(payload, bytes):
            parts.append(Part(name, part.get_filename(), part.get_content_type(), payload))
    return parts


def json_object(request: Request) -> dict[str, Any] | Response:
    """The request's JSON object body, or X's 400 answer when it is not one."""
    try:
        body = request.json()
    except (UnicodeDecodeError, json.JSONDecodeError):
        return invalid("The request body is not valid JSON.")
    if not isinstance(body, dict):
        return invalid("The request body must be a JSON object.")
    return body


def unauthorized() -> Response:
    return Response(
        401,
        {"title": "Unauthorized", "type": "about:blank", "status": 401, "detail": "Unauthorized"},
    )


def not_found(path: str) -> Response:
    return Response(
        404,
        {
            "title": "Not Found Error",
            "detail": f"The route {path} does not exist in the sandbox.",
            "type": NOT_FOUND,
            "status": 404,
        },
    )


def missing_resource(resource_type: str, value: str) -> Response:
    """X's answer for an unknown id: 200 with a "Not Found Error" in ``errors``."""
    error = {
        "value": value,
        "detail": f"Could not find {resource_type} with id: [{value}].",
        "title": "Not Found Error",
        "resource_type": resource_type,
        "parameter": "id",
        "resource_id": value,
        "type": NOT_FOUND,
    }
    return Response(200, {"errors": [error]})


def _as_id(value: object) -> int | None:
    if isinstance(value, str) and value.isdigit() and len(value) <= 19:
        return int(value)
    return None


# Links: X rewrites every URL, and appends one for the attached media, as t.co links.


@cache
def tco(seed: str) -> str:
    digest = hashlib.sha256(seed.encode()).digest()
    return "https://t.co/" + base64.b32encode(digest).decode().lower()[:10]


def expanded(url: str) -> str:
    """The address behind a link as X expands it: a bare domain gets ``http://``."""
    return url if re.match(r"(?i)https?://", url) else "http://" + url


def display(url: str) -> str:
    """What X shows for a link: no scheme, cut after 23 characters with an ellipsis."""
    bare = re.sub(r"(?i)^https?://", "", url)
    return bare if len(bare) <= 26 else bare[:23] + "…"


def rendered(post: Post, username: str = "") -> tuple[str, list[dict[str, Any]]]:
    """The text with its URLs shortened to t.co and a t.co link for the media, and
    the ``entities.urls`` that describe them (code point ``start``/``end``)."""
    text = post.text
    found = extract_urls(text) if "." in text else []
    pieces: list[str] = []
    entities: list[dict[str, Any]] = []
    position = 0
    length = 0
    for index, url in enumerate(found):
        start, end = url["indices"]
        pieces.append(text[position:start])
        length += start - position
        link = tco(f"{post.id}:{index}:{url['url']}")
        entities.append(
            {
                "start": length,
                "end": length + len(link),
                "url": link,
                "expanded_url": expanded(url["url"]),
                "display_url": display(url["url"]),
            }
        )
        pieces.append(link)
        length += len(link)
        position = end
    pieces.append(text[position:])
    length += len(text) - position
    result = "".join(pieces)
    if post.media_ids:
        link = tco(f"{post.id}:media")
        if result:
            result += " "
            length += 1
        status = f"https://x.com/{username or 'i'}/status/{post.id}/photo/1"
        entities.append(
            {
                "start": length,
                "end": length + len(link),
                "url": link,
                "expanded_url": status,
                "display_url": f"pic.x.com/{link.rsplit('/', 1)[-1]}",
                "media_key": f"3_{post.media_ids[0]}",
            }
        )
        result += link
    return result, entities


def displayed_text(post: Post) -> str:
    """The text as X returns it: URLs shortened to t.co, a t.co link for the media,
    ``&``, ``<`` and ``>`` escaped as HTML entities."""
    text, _ = rendered(post)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# Image sniffing: what X would refuse as a tweet_image.


def sniff_image(data: bytes) -> tuple[str, int | None, int | None] | None:
    """(MIME type, width, height) of a PNG, JPEG, GIF or WebP image, else None."""
    if data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) >= 24:
        width, height = struct.unpack(">II", data[16:24])
        return "image/png", width, height
    if data[:6] in (b"GIF87a", b"GIF89a") and len(data) >= 10:
        width, height = struct.unpack("<HH", data[6:10])
        return "image/gif", width, height
    if data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        return "image/webp", None, None
    if data.startswith(b"\xff\xd8"):
        return "image/jpeg", *_jpeg_size(data)
    return None


def _jpeg_size(data: bytes) -> tuple[int | None, int | None]:
    position = 2
    while position + 9 < len(data):
        if data[position] != 0xFF:
            return None, None
        marker = data[position + 1]
        length = int.from_bytes(data[position + 2 : position + 4], "big")
        if marker in (0xC0, 0xC1, 0xC2):
            height, width = struct.unpack(">HH", data[position + 5 : position + 9])
            return width, height
        position += 2 + length
    return None, None


def may_reply(post: Post, user: User) -> bool:
    """Whether ``user`` may answer ``post`` under its reply settings.

    The sandbox has no followers, subscribers nor verified accounts: under those
    settings only the author answers, as in a thread.
    """
    if post.user_id == user.id or post.reply_settings == "everyone":
        return True
    if post.reply_settings == "mentionedUsers":
        mentioned = re.findall(r"@([A-Za-z0-9_]{1,15})", post.text)
        return user.username.lower() in {m.lower() for m in mentioned}
    return False


class Api:
    """The endpoints over one store. ``base_url`` makes media URLs absolute."""

    def __init__(self, store: Store, base_url: str) -> None:
        self.store = store
        self.base_url = base_url

    def route(
        self, method: str, path: str
    ) -> tuple[str, Callable[[Request, User], Response]] | None:
        """The route name (``POST /2/tweets``, ``DELETE /2/tweets/:id``…) and its handler."""
        parts = path.strip("/").split("/")
        table: list[tuple[str, str, Callable[[Request, User, list[str]], Response]]] = [
            ("POST", "2/tweets", self.create_tweet),
            ("DELETE", "2/tweets/:id", self.delete_tweet),
            ("GET", "2/tweets/:id", self.get_tweet),
            ("GET", "2/users/me", self.me),
            ("GET", "2/users/:id/tweets", self.user_tweets),
            ("POST", "2/media/upload", self.upload_media),
            ("POST", "2/media/metadata", self.media_metadata),
        ]
        for route_method, pattern, handler in table:
            pattern_parts = pattern.split("/")
            if route_method != method or len(pattern_parts) != len(parts):
                continue
            args: list[str] = []
            for want, got in zip(pattern_parts, parts, strict=True):
                if want == ":id":
                    args.append(got)
                elif want != got:
                    break
            else:
                return f"{method} /{pattern}", _bind(handler, args)
        return None

    # Posts

    def create_tweet(self, request: Request, user: User, _: list[str]) -> Response:
        body = json_object(request)
        if isinstance(body, Response):
            return body
        allowed = {"text", "reply", "media", "reply_settings"}
        for key in body:
            if key not in allowed:
                return invalid(
                    f"$.{key}: is not supported by the sandbox (it knows {', '.join(sorted(allowed))})"
                )
        text = body.get("text", "")
        if not isinstance(text, str):
            return invalid("$.text: string expected", {"text": [repr(text)]})
        # X keeps the text in Unicode NFC: "é" sent as "e" + U+0301 comes back as one character.
        text = unicodedata.normalize("NFC", text)
        media_ids: list[int] = []
        media = body.get("media")
        if media is not None:
            raw_ids = media.get("media_ids") if isinstance(media, dict) else None
            if not isinstance(raw_ids, list) or not 1 <= len(raw_ids) <= MAX_MEDIA_PER_POST:
                return invalid(
                    f"$.media.media_ids: between 1 and {MAX_MEDIA_PER_POST} media ids expected"
                )
            for raw in raw_ids:
                media_id = _as_id(raw)
                found = self.store.media(media_id) if media_id is not None else None
                if (
                    found is None
                    or found.user_id != user.id
                    or time.time() - found.created_at > MEDIA_EXPIRES_AFTER_SECS
                ):
                    return invalid("Your media IDs are invalid.", {"media.media_ids": [str(raw)]})
                media_ids.append(found.id)
        if not text and not media_ids:
            return invalid("$.text: a post needs a text or media", {"text": [text]})
        length = weighted_length(text)
        if length > MAX_WEIGHTED_LENGTH:
            return invalid(
                f"Your Tweet text is too long ({length} weighted characters, at most "
                f"{MAX_WEIGHTED_LENGTH}).",
                {"text": [text]},
            )
        reply_to: Post | None = None
        reply = body.get("reply")
        if reply is not None:
            raw_target = reply.get("in_reply_to_tweet_id") if isinstance(reply, dict) else None
            target_id = _as_id(raw_target)
            reply_to = self.store.post(target_id) if target_id is not None else None
            if reply_to is None or reply_to.deleted_at is not None:
                return invalid(
                    "You attempted to reply to a Tweet that is deleted or not visible to you.",
                    {"reply.in_reply_to_tweet_id": [str(raw_target)]},
                )
            if not may_reply(reply_to, user):
                return problem(
                    403,
                    "Reply to this conversation is not allowed because you have not been "
                    "mentioned or otherwise engaged by the author of the post you are replying to.",
                    "Forbidden",
                )
        reply_settings = body.get("reply_settings", "everyone")
        if "reply_settings" in body and reply_settings not in REPLY_SETTINGS:
            return invalid(
                f"$.reply_settings: must be one of {', '.join(REPLY_SETTINGS)}",
                {"reply_settings": [str(reply_settings)]},
            )
        with self.store.locked():
            if text and self.store.has_duplicate(user, text):
                return problem(403, DUPLICATE, "Forbidden")
            post = self.store.add_post(user, text, reply_to, media_ids, reply_settings)
        return Response(
            201,
            {
                "data": {
                    "id": str(post.id),
                    "text": displayed_text(post),
                    "edit_history_tweet_ids": [str(post.id)],
                }
            },
        )

    def delete_tweet(self, request: Request, user: User, args: list[str]) -> Response:
        post_id = _as_id(args[0])
        if post_id is None:
            return invalid(
                f"The `id` query parameter value [{args[0]}] is not valid", {"id": [args[0]]}
            )
        with self.store.locked():
            post = self.store.post(post_id)
            if post is not None and post.user_id != user.id:
                return problem(403, "You are not allowed to delete this Tweet.", "Forbidden")
            if post is None or post.deleted_at is not None:
                return Response(200, {"data": {"deleted": False}})
            self.store.delete_post(post_id)
        return Response(200, {"data": {"deleted": True}})

    def get_tweet(self, request: Request, user: User, args: list[str]) -> Response:
        params = request.params()
        fields = self._fields(params, "tweet.fields", TWEET_FIELDS)
        if isinstance(fields, Response):
            return fields
        post_id = _as_id(args[0])
        post = self.store.post(post_id) if post_id is not None else None
        if post is None or post.deleted_at is not None:
            return missing_resource("tweet", args[0])
        return Response(200, {"data": self.tweet_json(post, fields)})

    def me(self, request: Request, user: User, _: list[str]) -> Response:
        return Response(
            200, {"data": {"id": str(user.id), "name": user.name, "username": user.username}}
        )

    def _fields(
        self, params: dict[str, str], name: str, known: frozenset[str]
    ) -> set[str] | Response:
        raw = params.get(name)
        if not raw:
            return set()
        fields = set(raw.split(","))
        unknown = sorted(fields - known)
        if unknown:
            return invalid(
                f"The `{name}` query parameter value [{unknown[0]}] is not one of "
                f"[{','.join(sorted(known))}]",
                {name: [raw]},
            )
        return fields

    def user_tweets(self, request: Request, user: User, args: list[str]) -> Response:
        params = request.params()
        for name in params:
            if name not in TIMELINE_PARAMS:
                return invalid(
                    f"The query parameter [{name}] is not one of "
                    f"[id,{','.join(sorted(TIMELINE_PARAMS))}]",
                    {name: [params[name]]},
                )
        raw_max = params.get("max_results", "10")
        if not raw_max.isdigit() or not 5 <= int(raw_max) <= 100:
            return invalid(
                f"The `max_results` query parameter value [{raw_max}] is not between 5 and 100",
                {"max_results": [raw_max]},
            )
        max_results = int(raw_max)
        fields = self._fields(params, "tweet.fields", TWEET_FIELDS)
        if isinstance(fields, Response):
            return fields
        media_fields = self._fields(params, "media.fields", MEDIA_FIELDS)
        if isinstance(media_fields, Response):
            return media_fields
        expansions = self._fields(params, "expansions", EXPANSIONS)
        if isinstance(expansions, Response):
            return expansions
        before_id: int | None = None
        if "until_id" in params:
            before_id = _as_id(params["until_id"])
            if before_id is None:
                return invalid(
                    "The `until_id` query parameter value is not valid",
                    {"until_id": [params["until_id"]]},
                )
        token = params.get("pagination_token")
        if token is not None:
            decoded = _decode_token(token)
            if decoded is None:
                return invalid(
                    f"The `pagination_token` query parameter value [{token}] is not valid",
                    {"pagination_token": [token]},
                )
            before_id = decoded if before_id is None else min(before_id, decoded)
        after_id: int | None = None
        if "since_id" in params:
            after_id = _as_id(params["since_id"])
            if after_id is None:
                return invalid(
                    "The `since_id` query parameter value is not valid",
                    {"since_id": [params["since_id"]]},
                )
        user_id = _as_id(args[0])
        owner = self.store.user_by_id(user_id) if user_id is not None else None
        if owner is None:
            return missing_resource("user", args[0])
        excluded = set(params.get("exclude", "").split(",")) - {""}
        posts = self.store.posts(
            owner.id,
            limit=None if "replies" in excluded else max_results + 1,
            before_id=before_id,
            after_id=after_id,
        )
        if "replies" in excluded:
            posts = [p for p in posts if p.in_reply_to_id is None][: max_results + 1]
        page, more = posts[:max_results], len(posts) > max_results
        meta: dict[str, Any] = {"result_count": len(page)}
        body: dict[str, Any] = {}
        if page:
            body["data"] = [self.tweet_json(p, fields) for p in page]
            meta["newest_id"] = str(page[0].id)
            meta["oldest_id"] = str(page[-1].id)
            if more:
                meta["next_token"] = _encode_token(page[-1].id)
            includes = self._includes(page, expansions, media_fields)
            if includes:
                body["includes"] = includes
        body["meta"] = meta
        return Response(200, body)

    def tweet_json(self, post: Post, fields: set[str]) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": str(post.id),
            "text": displayed_text(post),
            "edit_history_tweet_ids": [str(post.id)],
        }
        if "author_id" in fields:
            data["author_id"] = str(post.user_id)
        if "created_at" in fields:
            data["created_at"] = post.created_at
        if "conversation_id" in fields:
            data["conversation_id"] = str(post.conversation_id)
        if "in_reply_to_user_id" in fields and post.in_reply_to_user_id is not None:
            data["in_reply_to_user_id"] = str(post.in_reply_to_user_id)
        if "referenced_tweets" in fields and post.in_reply_to_id is not None:
            data["referenced_tweets"] = [{"type": "replied_to", "id": str(post.in_reply_to_id)}]
        if "attachments" in fields and post.media_ids:
            data["attachments"] = {"media_keys": [f"3_{m}" for m in post.media_ids]}
        if "reply_settings" in fields:
            data["reply_settings"] = post.reply_settings
        if "entities" in fields:
            owner = self.store.user_by_id(post.user_id)
            _, urls = rendered(post, owner.username if owner else "")
            if urls:
                data["entities"] = {"urls": urls}
        return data

    def media_json(self, media: Media, fields: set[str]) -> dict[str, Any]:
        data: dict[str, Any] = {"media_key": media.media_key, "type": "photo"}
        if media.category == "tweet_gif":
            data["type"] = "animated_gif"
        if "url" in fields:
            data["url"] = f"{self.base_url}/media/{media.id}"
        if "alt_text" in fields and media.alt_text is not None:
            data["alt_text"] = media.alt_text
        return data

    def _includes(
        self, page: list[Post], expansions: set[str], media_fields: set[str]
    ) -> dict[str, Any]:
        includes: dict[str, Any] = {}
        if "attachments.media_keys" in expansions:
            media = [self.store.media(m) for p in page for m in p.media_ids]
            found = [self.media_json(m, media_fields) for m in media if m is not None]
            if found:
                includes["media"] = found
        if "author_id" in expansions:
            authors = {p.user_id for p in page}
            users = [self.store.user_by_id(a) for a in sorted(authors)]
            includes["users"] = [
                {"id": str(u.id), "name": u.name, "username": u.username} for u in users if u
            ]
        if "referenced_tweets.id" in expansions:
            targets = {p.in_reply_to_id for p in page if p.in_reply_to_id is not None}
            tweets = [self.store.post(t) for t in sorted(targets)]
            found_tweets = [self.tweet_json(t, set()) for t in tweets if t and not t.deleted_at]
            if found_tweets:
                includes["tweets"] = found_tweets
        return includes

    # Media

    def upload_media(self, request: Request, user: User, _: list[str]) -> Response:
        if not request.content_type.lower().startswith("multipart/form-data"):
            return invalid("The media upload expects multipart/form-data with a `media` part.")
        parts = form_parts(request)
        if parts is None:
            return invalid("The multipart body could not be read.")
        fields = {part.name: part.data for part in parts}
        data = fields.get("media")
        if data is None and "media_data" in fields:
            try:
                data = base64.b64decode(fields["media_data"], validate=True)
            except binascii.Error:
                return invalid("media_data is not valid base64.", {"media_data": ["…"]})
        if not data:
            return invalid("The `media` field is required.", {"media": []})
        category = fields.get("media_category", b"tweet_image").decode("utf-8", "replace")
        if category not in MEDIA_CATEGORIES:
            return invalid(
                f"The `media_category` value [{category}] is not one of "
                f"[{','.join(MEDIA_CATEGORIES)}]",
                {"media_category": [category]},
            )
        sniffed = sniff_image(data)
        image: dict[str, Any] = {}
        content_type = "application/octet-stream"
        if category in ("tweet_image", "tweet_gif"):
            if sniffed is None:
                return invalid("InvalidMedia: the file is not a PNG, JPEG, GIF or WebP image.")
            content_type, width, height = sniffed
            limit = MAX_GIF_BYTES if category == "tweet_gif" else MAX_IMAGE_BYTES
            if len(data) > limit:
                return invalid(
                    f"InvalidMedia: the image is {len(data)} bytes, at most {limit} allowed."
                )
            image = {"image_type": content_type}
            if width is not None and height is not None:
                image.update({"w": width, "h": height})
        media = self.store.add_media(user, category, content_type, data)
        answer: dict[str, Any] = {
            "id": str(media.id),
            "media_key": media.media_key,
            "size": media.size,
            "expires_after_secs": MEDIA_EXPIRES_AFTER_SECS,
        }
        if image:
            answer["image"] = image
        return Response(200, {"data": answer})

    def media_metadata(self, request: Request, user: User, _: list[str]) -> Response:
        body = json_object(request)
        if isinstance(body, Response):
            return body
        media_id = _as_id(body.get("id"))
        media = self.store.media(media_id) if media_id is not None else None
        if media is None or media.user_id != user.id:
            return invalid("Your media IDs are invalid.", {"id": [str(body.get("id"))]})
        metadata = body.get("metadata")
        alt = metadata.get("alt_text") if isinstance(metadata, dict) else None
        text = alt.get("text") if isinstance(alt, dict) else None
        if not isinstance(text, str):
            return invalid("$.metadata.alt_text.text: string expected")
        if len(text) > MAX_ALT_TEXT:
            return invalid(
                f"$.metadata.alt_text.text: {len(text)} characters, at most {MAX_ALT_TEXT}",
                {"metadata.alt_text.text": [text]},
            )
        self.store.set_alt_text(media.id, text)
        return Response(
            200,
            {"data": {"id": str(media.id), "associated_metadata": {"alt_text": {"text": text}}}},
        )


def _bind(
    handler: Callable[[Request, User, list[str]], Response], args: list[str]
) -> Callable[[Request, User], Response]:
    def bound(request: Request, user: User) -> Response:
        return handler(request, user, args)

    return bound


_TOKEN = re.compile(r"^[a-z2-7]+$")


def _encode_token(oldest_id: int) -> str:
    return base64.b32encode(f"until:{oldest_id}".encode()).decode().rstrip("=").lower()


def _decode_token(token: str) -> int | None:
    if not _TOKEN.match(token):
        return None
    padded = token.upper() + "=" * (-len(token) % 8)
    try:
        decoded = base64.b32decode(padded).decode()
    except (binascii.Error, UnicodeDecodeError):
        return None
    prefix, _, value = decoded.partition(":")
    return int(value) if prefix == "until" and value.isdigit() else None

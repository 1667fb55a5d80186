"""The X client: tweepy for posts, the v2 media endpoints signed by tweepy's OAuth 1.0a.

Every call goes through one :class:`requests.Session` that puts the X hosts
behind ``GAZOUILLE_X_API_URL`` when it is set (the sandbox, a staging proxy,
the tests) and gives each request a timeout: tweepy sets none, and a hung
call would hold the publication lock forever.

Errors come out as four kinds the publisher acts on differently:
:class:`Unavailable` (5xx, timeout: retried with backoff when the call is
idempotent), :class:`OutcomeUnknown` (a create that may have gone through:
never retried blind), :class:`RateLimited` (429: stop the account until
``reset``) and :class:`Duplicate` (403 duplicate content: reconcile).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeVar

from gazouille.accounts import Account
from gazouille.errors import ConfigError, PublishError
from gazouille.publish.identity import Tweet
from gazouille.publish.ledger import parse_time

X_HOSTS = ("https://api.twitter.com", "https://api.x.com", "https://upload.twitter.com")
MEDIA_HOST = "https://api.x.com"
CREDENTIALS = ("X_API_KEY", "X_API_SECRET", "X_ACCESS_TOKEN", "X_ACCESS_TOKEN_SECRET")
DEFAULT_TIMEOUT = 30.0
DEFAULT_RETRIES = 4
DEFAULT_BACKOFF = 1.0
RECENT_LIMIT = 100  # the most X returns in one page
# What recognising a part needs beside its text: reply target, media, creation time.
TWEET_FIELDS = ["referenced_tweets", "attachments", "created_at"]

T = TypeVar("T")


class XFailure(Exception):
    """A call to X failed; ``detail`` is X's own words, for the report."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class Unavailable(XFailure):
    """5xx, timeout or connection failure, still there after the retries."""


class OutcomeUnknown(XFailure):
    """A create failed in a way that does not say whether the post exists."""


class Duplicate(XFailure):
    """X refuses the text as a duplicate of a recent post of the account."""


class RateLimited(XFailure):
    def __init__(self, detail: str, reset: datetime | None) -> None:
        super().__init__(detail)
        self.reset = reset


class Rejected(XFailure):
    """Any other refusal (400, 401, 403, 404): retrying would not help."""

    def __init__(self, detail: str, status: int) -> None:
        super().__init__(detail)
        self.status = status


@dataclass(frozen=True)
class Settings:
    base_url: str | None = None
    timeout: float = DEFAULT_TIMEOUT
    retries: int = DEFAULT_RETRIES
    backoff: float = DEFAULT_BACKOFF

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> Settings:
        base = env.get("GAZOUILLE_X_API_URL") or None
        if base is not None and not base.startswith(("http://", "https://")):
            raise ConfigError(
                f"GAZOUILLE_X_API_URL vaut « {base} », qui n'est pas une adresse http(s)",
                fix="par exemple http://127.0.0.1:8787 pour le bac à sable, "
                "ou supprimez la variable pour publier sur X.",
            )

        def number(name: str, default: float, kind: type[float] | type[int]) -> Any:
            value = env.get(name) or ""
            try:
                result = kind(value) if value else default
            except ValueError:
                result = -1
            if result <= 0:
                raise ConfigError(
                    f"{name} vaut « {value} », qui n'est pas un nombre positif",
                    fix=f"indiquez par exemple {default}, ou supprimez la variable.",
                )
            return result

        return cls(
            base_url=base.rstrip("/") if base else None,
            timeout=number("GAZOUILLE_X_TIMEOUT", DEFAULT_TIMEOUT, float),
            retries=number("GAZOUILLE_X_RETRIES", DEFAULT_RETRIES, int),
            backoff=number("GAZOUILLE_X_BACKOFF", DEFAULT_BACKOFF, float),
        )


@dataclass(frozen=True)
class Credentials:
    api_key: str
    api_secret: str
    access_token: str
    access_token_secret: str


def credentials(account: Account, env: Mapping[str, str]) -> Credentials:
    """The account's four OAuth 1.0a secrets, or a French error naming the missing ones."""
    names = [f"{account.env_prefix}_{suffix}" for suffix in CREDENTIALS]
    missing = [name for name in names if not env.get(name)]
    if missing:
        raise PublishError(
            f"identifiants X manquants pour le compte {account.id} : {', '.join(missing)} ; "
            "rien n'a été envoyé pour ce compte",
            path="accounts.yml",
            line=account.line,
            fix="ajoutez ces secrets à l'environnement GitHub « publication » "
            "(Settings → Environments → publication), ou exportez-les pour un essai local.",
        )
    return Credentials(*(env[name] for name in names))


def route(url: str, base: str | None) -> str:
    """``url`` with its X host replaced by ``base`` (unchanged when ``base`` is None)."""
    if base is None:
        return url
    for host in X_HOSTS:
        if url == host or url.startswith(host + "/"):
            return base + url[len(host) :]
    return url


def make_session(settings: Settings) -> Any:
    """A requests session routed to ``settings.base_url``, with a timeout on every call."""
    import requests

    class RoutedSession(requests.Session):
        def request(  # type: ignore[override]
            self, method: str, url: str, *args: Any, **kwargs: Any
        ) -> requests.Response:
            if kwargs.get("timeout") is None:
                kwargs["timeout"] = settings.timeout
            return super().request(method, route(url, settings.base_url), *args, **kwargs)

    return RoutedSession()


class XClient:
    """One account's connection to X."""

    def __init__(
        self,
        creds: Credentials,
        settings: Settings,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        import tweepy

        self.settings = settings
        self.sleep = sleep
        self.session = make_session(settings)

        session = self.session

        class RoutedClient(tweepy.Client):  # type: ignore[misc]
            # tweepy builds every URL from "https://api.twitter.com" inside
            # BaseClient.request; its session is where we can reroute and time out.
            def __init__(self, *args: Any, **kwargs: Any) -> None:
                super().__init__(*args, **kwargs)
                self.session = session

        self.client = RoutedClient(
            consumer_key=creds.api_key,
            consumer_secret=creds.api_secret,
            access_token=creds.access_token,
            access_token_secret=creds.access_token_secret,
            return_type=dict,
        )
        self.auth = tweepy.OAuth1UserHandler(
            creds.api_key, creds.api_secret, creds.access_token, creds.access_token_secret
        ).apply_auth()
        self._user_id: str | None = None

    # -- calls -------------------------------------------------------------

    def user_id(self) -> str:
        """The authenticated account's id, asked once."""
        if self._user_id is None:
            answer = self._retrying(lambda: self.client.get_me(user_auth=True))
            self._user_id = str((answer.get("data") or {})["id"])
        return self._user_id

    def recent(self) -> list[Tweet]:
        """The account's latest posts, newest first (threads included)."""
        return self.page()[0]

    def page(self, token: str | None = None) -> tuple[list[Tweet], str | None]:
        """One page of the account's posts, newest first, and the token of the next (older) one."""
        user_id = self.user_id()
        options: dict[str, Any] = {"max_results": RECENT_LIMIT, "tweet_fields": TWEET_FIELDS}
        if token:
            options["pagination_token"] = token
        answer = self._retrying(
            lambda: self.client.get_users_tweets(user_id, user_auth=True, **options)
        )
        following = (answer.get("meta") or {}).get("next_token")
        return [_tweet(item) for item in answer.get("data") or []], following

    def get(self, tweet_id: str) -> Tweet | None:
        """One post of this account, None when X does not know it (or it is someone else's)."""
        answer = self._retrying(
            lambda: self.client.get_tweet(
                tweet_id, tweet_fields=[*TWEET_FIELDS, "author_id"], user_auth=True
            )
        )
        data = answer.get("data")
        if not isinstance(data, dict) or str(data.get("author_id")) != self.user_id():
            return None
        return _tweet(data)

    def create(
        self,
        text: str,
        reply_to: str | None = None,
        media_ids: list[str] | None = None,
        reply_settings: str | None = None,
    ) -> str:
        """Post ``text``; its id. Never retried here: see :class:`OutcomeUnknown`."""
        kwargs: dict[str, Any] = {"text": text, "user_auth": True}
        if reply_to:
            kwargs["in_reply_to_tweet_id"] = reply_to
        if media_ids:
            kwargs["media_ids"] = media_ids
        # X refuses "everyone" as a value: it is the default, sent as no field.
        if reply_settings and reply_settings != "everyone":
            kwargs["reply_settings"] = reply_settings
        try:
            answer = self._call(lambda: self.client.create_tweet(**kwargs))
        except Unavailable as exc:
            raise OutcomeUnknown(exc.detail) from exc
        return str(answer["data"]["id"])

    def delete(self, tweet_id: str) -> None:
        """Delete a post; one already gone counts as deleted."""
        try:
            self._retrying(lambda: self.client.delete_tweet(tweet_id, user_auth=True))
        except Rejected as exc:
            if exc.status != 404:
                raise

    def upload(self, data: bytes, mime: str, alt: str | None) -> str:
        """Upload one image (one-shot v2 upload), set its alt text; its media id."""

        def send() -> Any:
            return self.session.post(
                f"{MEDIA_HOST}/2/media/upload",
                files={"media": ("media", data, mime)},
                data={"media_category": "tweet_image", "media_type": mime},
                auth=self.auth,
            )

        answer = self._retrying(lambda: _checked(send()))
        media_id = str(answer["data"]["id"])
        if alt:
            payload = {"id": media_id, "metadata": {"alt_text": {"text": alt}}}
            self._retrying(
                lambda: _checked(
                    self.session.post(
                        f"{MEDIA_HOST}/2/media/metadata", json=payload, auth=self.auth
                    )
                )
            )
        return media_id

    # -- error handling ------------------------------------------------------

    def _retrying(self, call: Callable[[], T]) -> T:
        """``call`` retried with exponential backoff while X is unavailable."""
        attempt = 0
        while True:
            try:
                return self._call(call)
            except Unavailable:
                attempt += 1
                if attempt >= self.settings.retries:
                    raise
                self.sleep(self.settings.backoff * 2 ** (attempt - 1))

    def _call(self, call: Callable[[], T]) -> T:
        import requests
        import tweepy

        try:
            return call()
        except tweepy.TooManyRequests as exc:
            reset = exc.reset_time
            raise RateLimited(
                _detail(exc), datetime.fromtimestamp(reset, UTC) if reset else None
            ) from exc
        except tweepy.TwitterServerError as exc:
            raise Unavailable(_detail(exc)) from exc
        except tweepy.Forbidden as exc:
            if _is_duplicate(exc):
                raise Duplicate(_detail(exc)) from exc
            raise Rejected(_detail(exc), 403) from exc
        except tweepy.HTTPException as exc:
            raise Rejected(_detail(exc), int(exc.response.status_code)) from exc
        except (requests.Timeout, requests.ConnectionError) as exc:
            raise Unavailable(f"pas de réponse de X ({type(exc).__name__})") from exc


def _tweet(item: dict[str, Any]) -> Tweet:
    reply_to = None
    for ref in item.get("referenced_tweets") or []:
        if ref.get("type") == "replied_to":
            reply_to = str(ref.get("id"))
    keys = (item.get("attachments") or {}).get("media_keys") or []
    return Tweet(
        id=str(item["id"]),
        text=str(item.get("text", "")),
        reply_to=reply_to,
        media_keys=tuple(str(key) for key in keys),
        created_at=parse_time(item.get("created_at")),
    )


def _checked(response: Any) -> Any:
    """Raise tweepy's exception for a failed raw response, as tweepy would; else its JSON."""
    import tweepy

    status = int(response.status_code)
    if status == 429:
        reset = response.headers.get("x-rate-limit-reset")
        raise tweepy.TooManyRequests(response, reset_time=int(reset) if reset else None)
    if status == 403:
        raise tweepy.Forbidden(response)
    if status >= 500:
        raise tweepy.TwitterServerError(response)
    if not 200 <= status < 300:
        raise tweepy.HTTPException(response)
    return response.json()


def _detail(exc: Any) -> str:
    messages = [str(m) for m in getattr(exc, "api_messages", []) if m]
    status = getattr(getattr(exc, "response", None), "status_code", "?")
    return f"HTTP {status}" + (f" : {' ; '.join(messages)}" if messages else "")


def _is_duplicate(exc: Any) -> bool:
    return 187 in exc.api_codes or any("duplicate" in str(m).lower() for m in exc.api_messages)

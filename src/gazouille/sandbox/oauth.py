"""OAuth 1.0a (RFC 5849) signature checks, HMAC-SHA1 only, as X does.

The signature base string is the method, the base URL and the sorted
parameters: the ``oauth_*`` header values, the query string and, for a
``application/x-www-form-urlencoded`` body only, the body's fields. JSON and
multipart bodies are not signed (RFC 5849 section 3.4.1.3.1).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import parse_qsl, quote, unquote

# The hosts tweepy and the publisher sign for: a client that rewrites the host
# after signing (a proxy, a transport adapter) still verifies.
from gazouille.publish.x import X_HOSTS

_PARAM = re.compile(r'([A-Za-z0-9_]+)="([^"]*)"')


class OAuthError(Exception):
    """The Authorization header is missing, malformed or does not verify."""


@dataclass(frozen=True)
class OAuthHeader:
    params: dict[str, str]

    @property
    def consumer_key(self) -> str:
        return self.params["oauth_consumer_key"]

    @property
    def token(self) -> str:
        return self.params["oauth_token"]

    @property
    def signature(self) -> str:
        return self.params["oauth_signature"]


def encode(value: str) -> str:
    """RFC 3986 percent-encoding: only ALPHA, DIGIT, ``-._~`` stay as they are."""
    return quote(value, safe="~")


def parse_header(header: str | None) -> OAuthHeader:
    if not header:
        raise OAuthError("no Authorization header")
    scheme, _, rest = header.strip().partition(" ")
    if scheme.lower() != "oauth":
        raise OAuthError(f"authorization scheme {scheme!r} is not OAuth")
    params = {key: unquote(value) for key, value in _PARAM.findall(rest)}
    for required in (
        "oauth_consumer_key",
        "oauth_token",
        "oauth_signature",
        "oauth_signature_method",
        "oauth_timestamp",
        "oauth_nonce",
    ):
        if required not in params:
            raise OAuthError(f"{required} missing")
    if params["oauth_signature_method"] != "HMAC-SHA1":
        raise OAuthError("only HMAC-SHA1 is accepted")
    if params.get("oauth_version", "1.0") != "1.0":
        raise OAuthError("oauth_version must be 1.0")
    return OAuthHeader(params)


def base_string(method: str, base_url: str, params: Iterable[tuple[str, str]]) -> str:
    encoded = sorted((encode(k), encode(v)) for k, v in params)
    normalized = "&".join(f"{k}={v}" for k, v in encoded)
    return "&".join((method.upper(), encode(base_url), encode(normalized)))


def sign(base: str, consumer_secret: str, token_secret: str) -> str:
    key = f"{encode(consumer_secret)}&{encode(token_secret)}".encode()
    digest = hmac.new(key, base.encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()


def request_params(
    header: OAuthHeader, query: str, body: bytes, content_type: str
) -> list[tuple[str, str]]:
    """Every parameter that enters the base string."""
    params = [(k, v) for k, v in header.params.items() if k not in ("oauth_signature", "realm")]
    params += parse_qsl(query, keep_blank_values=True)
    if content_type.split(";")[0].strip().lower() == "application/x-www-form-urlencoded":
        params += parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True)
    return params


def base_urls(host_header: str | None, path: str) -> list[str]:
    """The URLs the client may have signed: this server as it was called, and X's hosts."""
    urls = [host + path for host in X_HOSTS]
    if host_header:
        host = host_header.strip().lower()
        if host.endswith(":80"):
            host = host[:-3]
        urls.insert(0, f"http://{host}{path}")
    return urls


def verify(
    header: OAuthHeader,
    *,
    method: str,
    host_header: str | None,
    path: str,
    query: str,
    body: bytes,
    content_type: str,
    consumer_secret: str,
    token_secret: str,
) -> bool:
    params = request_params(header, query, body, content_type)
    for url in base_urls(host_header, path):
        expected = sign(base_string(method, url, params), consumer_secret, token_secret)
        if hmac.compare_digest(expected, header.signature):
            return True
    return False

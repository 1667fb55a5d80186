"""The local X sandbox, over real HTTP, signed as tweepy signs.

Each scenario talks to a sandbox started on a free port and asserts on what it
answered and on what it received (its request log), never on its internals.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
import tweepy

from gazouille.publish.x import route
from gazouille.sandbox import Credentials, Sandbox, sandbox_credentials, start
from tests.helpers import PROJECT

PNG = (PROJECT / "media" / "pn44" / "cambriolages-bons-reflexes.png").read_bytes()
X_HOST = "https://api.twitter.com"


class RoutedSession(requests.Session):
    """Puts X's host behind the sandbox's URL before the request is signed, as the publisher does."""

    def __init__(self, base: str) -> None:
        super().__init__()
        self.base = base

    def request(self, method: str | bytes, url: str | bytes, *args: Any, **kwargs: Any) -> Any:
        kwargs.setdefault("timeout", 10)
        return super().request(method, route(str(url), self.base), *args, **kwargs)


class Account:
    """One signed-in user of the sandbox: tweepy's Client and a signed requests session."""

    def __init__(self, sandbox: Sandbox, credentials: Credentials) -> None:
        self.sandbox = sandbox
        self.credentials = credentials
        self.client = tweepy.Client(
            consumer_key=credentials.consumer_key,
            consumer_secret=credentials.consumer_secret,
            access_token=credentials.access_token,
            access_token_secret=credentials.access_token_secret,
        )
        self.client.session.close()
        self.client.session = RoutedSession(sandbox.url)
        self.http = RoutedSession(sandbox.url)
        self.http.auth = tweepy.OAuth1UserHandler(
            credentials.consumer_key,
            credentials.consumer_secret,
            credentials.access_token,
            credentials.access_token_secret,
        ).apply_auth()

    def close(self) -> None:
        self.client.session.close()
        self.http.close()

    def __enter__(self) -> Account:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def id(self) -> str:
        return str(self.client.get_me(user_auth=True).data.id)

    def post(self, text: str, **kwargs: Any) -> str:
        return str(self.client.create_tweet(text=text, user_auth=True, **kwargs).data["id"])

    def timeline(self, **params: Any) -> dict[str, Any]:
        answer = self.http.get(f"{X_HOST}/2/users/{self.id}/tweets", params=params)
        assert answer.status_code == 200, answer.text
        body: dict[str, Any] = answer.json()
        return body

    def upload(self, data: bytes = PNG, alt: str | None = None) -> str:
        answer = self.http.post(
            f"{X_HOST}/2/media/upload",
            files={"media": ("affiche.png", data, "image/png")},
            data={"media_category": "tweet_image"},
        )
        assert answer.status_code == 200, answer.text
        media_id = str(answer.json()["data"]["id"])
        if alt is not None:
            metadata = self.http.post(
                f"{X_HOST}/2/media/metadata",
                json={"id": media_id, "metadata": {"alt_text": {"text": alt}}},
            )
            assert metadata.status_code == 200, metadata.text
        return media_id


@pytest.fixture
def accounts(sandbox: Sandbox) -> Iterator[dict[str, Account]]:
    """``accounts[username]``: that user's Account, opened on first use, closed after the test."""

    class Opener(dict[str, Account]):
        def __missing__(self, username: str) -> Account:
            self[username] = Account(sandbox, sandbox.credentials(username))
            return self[username]

    opened = Opener()
    yield opened
    for account in opened.values():
        account.close()


def texts(timeline: dict[str, Any]) -> list[str]:
    return [item["text"] for item in timeline.get("data", [])]


def received(sandbox: Sandbox, method: str, path: str) -> list[int | None]:
    return [r["status"] for r in sandbox.requests(method, path)]


def about_blank(status: int, title: str, detail: str | None = None) -> dict[str, Any]:
    """X's ``about:blank`` problem body (``detail`` repeats the title unless given)."""
    return {"title": title, "detail": detail or title, "type": "about:blank", "status": status}


# Posts


def test_create_list_and_delete(sandbox: Sandbox, accounts: dict[str, Account]) -> None:
    pn44 = accounts["PNationale44"]
    first = pn44.post("Première publication")
    second = pn44.post("Deuxième publication", reply_settings="mentionedUsers")

    timeline = pn44.timeline(**{"tweet.fields": "created_at,reply_settings"})
    assert texts(timeline) == ["Deuxième publication", "Première publication"]
    assert [t["id"] for t in timeline["data"]] == [second, first]
    assert timeline["data"][0]["edit_history_tweet_ids"] == [second]
    assert timeline["data"][0]["reply_settings"] == "mentionedUsers"
    assert timeline["data"][1]["reply_settings"] == "everyone"
    assert re.fullmatch(
        r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", timeline["data"][0]["created_at"]
    )
    assert timeline["meta"] == {"result_count": 2, "newest_id": second, "oldest_id": first}

    assert pn44.client.delete_tweet(first, user_auth=True).data == {"deleted": True}
    assert texts(pn44.timeline()) == ["Deuxième publication"]
    assert pn44.client.delete_tweet(first, user_auth=True).data == {"deleted": False}

    created = sandbox.requests("POST", "/2/tweets")
    assert [r["json"] for r in created] == [
        {"text": "Première publication"},
        {"text": "Deuxième publication", "reply_settings": "mentionedUsers"},
    ]
    assert [r["status"] for r in created] == [201, 201]
    assert {r["user"] for r in created} == {"PNationale44"}


def test_create_answers_x_shape(sandbox: Sandbox, accounts: dict[str, Account]) -> None:
    answer = accounts["PNationale44"].http.post(f"{X_HOST}/2/tweets", json={"text": "Bonjour"})
    assert answer.status_code == 201
    body = answer.json()
    assert body == {
        "data": {
            "id": body["data"]["id"],
            "text": "Bonjour",
            "edit_history_tweet_ids": [body["data"]["id"]],
        }
    }
    assert body["data"]["id"].isdigit()


def test_chunked_body(sandbox: Sandbox, accounts: dict[str, Account]) -> None:
    def parts() -> Iterator[bytes]:
        yield b'{"text": '
        yield json.dumps("Envoyé par morceaux").encode()
        yield b"}"

    answer = accounts["PNationale44"].http.post(
        f"{X_HOST}/2/tweets", data=parts(), headers={"Content-Type": "application/json"}
    )
    assert answer.status_code == 201, answer.text
    assert sandbox.requests("POST", "/2/tweets")[0]["json"] == {"text": "Envoyé par morceaux"}
    # The connection is still usable: the body was read to its end.
    assert accounts["PNationale44"].http.get(f"{X_HOST}/2/users/me").status_code == 200


def test_users_me(sandbox: Sandbox, accounts: dict[str, Account]) -> None:
    me = accounts["PNationale06"].http.get(f"{X_HOST}/2/users/me").json()
    assert me == {
        "data": {"id": me["data"]["id"], "name": "PNationale06", "username": "PNationale06"}
    }
    again = accounts["PNationale06"].http.get(f"{X_HOST}/2/users/me").json()
    assert again == me


def test_thread_parts_reply_in_order(sandbox: Sandbox, accounts: dict[str, Account]) -> None:
    pn44 = accounts["PNationale44"]
    root = pn44.post("Fil 1/3")
    middle = pn44.post("Fil 2/3", in_reply_to_tweet_id=root)
    last = pn44.post("Fil 3/3", in_reply_to_tweet_id=middle)

    fields = "conversation_id,in_reply_to_user_id,referenced_tweets"
    data = pn44.timeline(**{"tweet.fields": fields})["data"]
    assert [t["id"] for t in data] == [last, middle, root]
    assert {t["conversation_id"] for t in data} == {root}
    assert data[0]["referenced_tweets"] == [{"type": "replied_to", "id": middle}]
    assert data[1]["referenced_tweets"] == [{"type": "replied_to", "id": root}]
    assert "referenced_tweets" not in data[2] and "in_reply_to_user_id" not in data[2]
    assert data[0]["in_reply_to_user_id"] == pn44.id

    page = requests.get(sandbox.timeline_url("PNationale44"), timeout=10).text
    assert page.index("Fil 1/3") < page.index("Fil 2/3") < page.index("Fil 3/3")
    assert '<span class="part">3/3</span>' in page


def test_reply_settings_decide_who_may_answer(accounts: dict[str, Account]) -> None:
    pn44, pn06, pn35 = (accounts[n] for n in ("PNationale44", "PNationale06", "PNationale35"))
    closed = pn44.post("Merci à @PNationale06 pour son aide", reply_settings="mentionedUsers")
    pn44.post("Suite du fil", in_reply_to_tweet_id=closed)
    pn06.post("Avec plaisir", in_reply_to_tweet_id=closed)
    refused = pn35.http.post(
        f"{X_HOST}/2/tweets", json={"text": "Et moi ?", "reply": {"in_reply_to_tweet_id": closed}}
    )
    assert refused.status_code == 403
    assert "not allowed" in refused.json()["detail"]
    open_post = pn44.post("Ouvert à tous")
    pn35.post("Réponse", in_reply_to_tweet_id=open_post)


def test_pagination_newest_first(sandbox: Sandbox, accounts: dict[str, Account]) -> None:
    pn44 = accounts["PNationale44"]
    ids = [pn44.post(f"Publication {n}") for n in range(12)]
    pages = []
    params: dict[str, Any] = {"max_results": 5}
    while True:
        page = pn44.timeline(**params)
        pages.append([t["id"] for t in page["data"]])
        if "next_token" not in page["meta"]:
            break
        params["pagination_token"] = page["meta"]["next_token"]
    assert [len(p) for p in pages] == [5, 5, 2]
    assert [i for p in pages for i in p] == list(reversed(ids))

    too_few = pn44.http.get(f"{X_HOST}/2/users/{pn44.id}/tweets", params={"max_results": 4})
    assert too_few.status_code == 400
    assert too_few.json()["title"] == "Invalid Request"
    assert too_few.json()["errors"][0]["parameters"] == {"max_results": ["4"]}


@pytest.mark.parametrize(
    ("path", "resource_type"), [("/2/users/12345/tweets", "user"), ("/2/tweets/12345", "tweet")]
)
def test_unknown_id_is_a_not_found_error(
    accounts: dict[str, Account], path: str, resource_type: str
) -> None:
    answer = accounts["PNationale44"].http.get(f"{X_HOST}{path}")
    assert answer.status_code == 200
    assert answer.json() == {
        "errors": [
            {
                "value": "12345",
                "detail": f"Could not find {resource_type} with id: [12345].",
                "title": "Not Found Error",
                "resource_type": resource_type,
                "parameter": "id",
                "resource_id": "12345",
                "type": "https://api.twitter.com/2/problems/resource-not-found",
            }
        ]
    }


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"text": "a" * 281}, "too long"),
        ({"text": "警" * 141}, "too long"),
        ({"text": "Réponse", "reply": {"in_reply_to_tweet_id": "999"}}, "reply to a Tweet"),
        ({"text": "Image", "media": {"media_ids": ["999"]}}, "media IDs are invalid"),
        ({"text": "Réglage", "reply_settings": "everyone"}, "reply_settings"),
        ({"text": ""}, "text or media"),
        ({"text": "Sondage", "poll": {"options": ["a", "b"]}}, "poll"),
    ],
)
def test_invalid_posts_are_400(
    sandbox: Sandbox, accounts: dict[str, Account], body: dict[str, Any], message: str
) -> None:
    answer = accounts["PNationale44"].http.post(f"{X_HOST}/2/tweets", json=body)
    assert answer.status_code == 400
    problem = answer.json()
    assert problem["title"] == "Invalid Request"
    assert problem["type"] == "https://api.twitter.com/2/problems/invalid-request"
    assert message in problem["errors"][0]["message"]
    assert sandbox.posts() == []


def test_weighted_length_280_is_accepted(accounts: dict[str, Account]) -> None:
    pn44 = accounts["PNationale44"]
    pn44.post("a" * 280)
    pn44.post("警" * 140)
    assert len(pn44.timeline()["data"]) == 2


def test_duplicate_text_is_403(sandbox: Sandbox, accounts: dict[str, Account]) -> None:
    pn44 = accounts["PNationale44"]
    pn44.post("Même texte")
    answer = pn44.http.post(f"{X_HOST}/2/tweets", json={"text": "Même texte"})
    assert answer.status_code == 403
    assert answer.json() == about_blank(
        403, "Forbidden", "You are not allowed to create a Tweet with duplicate content."
    )
    with pytest.raises(tweepy.Forbidden):
        pn44.post("Même texte")
    # Another account may say the same thing.
    accounts["PNationale06"].post("Même texte")
    assert received(sandbox, "POST", "/2/tweets") == [201, 403, 403, 201]


@pytest.mark.parametrize("on_disk", [False, True], ids=["memory", "file"])
def test_two_identical_posts_at_once_make_one(tmp_path: Path, on_disk: bool) -> None:
    with start(db=tmp_path / "bac.sqlite3" if on_disk else None) as sandbox:
        _race(sandbox)


def _race(sandbox: Sandbox) -> None:
    sessions = [Account(sandbox, sandbox.credentials("PNationale44")) for _ in range(8)]
    statuses: list[int] = []
    barrier = threading.Barrier(len(sessions))

    def send(account: Account) -> None:
        barrier.wait()
        answer = account.http.post(f"{X_HOST}/2/tweets", json={"text": "Une seule fois"})
        statuses.append(answer.status_code)

    threads = [threading.Thread(target=send, args=(s,)) for s in sessions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for session in sessions:
        session.close()
    assert sorted(statuses) == [201] + [403] * 7
    assert len(sandbox.posts("PNationale44")) == 1


def test_only_the_owner_deletes(sandbox: Sandbox, accounts: dict[str, Account]) -> None:
    post = accounts["PNationale44"].post("À moi")
    answer = accounts["PNationale06"].http.delete(f"{X_HOST}/2/tweets/{post}")
    assert answer.status_code == 403
    assert answer.json()["detail"] == "You are not allowed to delete this Tweet."
    assert texts(accounts["PNationale44"].timeline()) == ["À moi"]


def test_text_comes_back_as_x_gives_it(accounts: dict[str, Account]) -> None:
    pn44 = accounts["PNationale44"]
    media = pn44.upload(alt="Affiche")
    pn44.post("Sécurité & prévention : https://www.interieur.gouv.fr", media_ids=[media])
    (text,) = texts(pn44.timeline())
    assert re.fullmatch(
        r"Sécurité &amp; prévention : https://t\.co/[a-z2-7]{10} https://t\.co/[a-z2-7]{10}", text
    )


def test_every_recognised_url_has_its_entity(accounts: dict[str, Account]) -> None:
    pn44 = accounts["PNationale44"]
    media = pn44.upload(alt="Affiche")
    pn44.post(
        "Démarches : www.service-public.fr ou https://www.interieur.gouv.fr/a?b=1.",
        media_ids=[media],
    )
    (item,) = pn44.timeline(**{"tweet.fields": "entities,attachments"})["data"]
    links = re.findall(r"https://t\.co/[a-z2-7]{10}", item["text"])
    assert len(links) == 3  # the bare domain too, and one for the image at the end
    assert item["text"] == f"Démarches : {links[0]} ou {links[1]}. {links[2]}"
    urls = item["entities"]["urls"]
    assert [(u["url"], u["expanded_url"], u["display_url"]) for u in urls[:2]] == [
        (links[0], "http://www.service-public.fr", "www.service-public.fr"),
        (links[1], "https://www.interieur.gouv.fr/a?b=1", "www.interieur.gouv.fr/a…"),
    ]
    for entity in urls:
        assert item["text"][entity["start"] : entity["end"]] == entity["url"]
    assert urls[2]["media_key"] == item["attachments"]["media_keys"][0] == f"3_{media}"
    assert urls[2]["display_url"].startswith("pic.x.com/")
    # Without tweet.fields=entities, X leaves them out.
    assert "entities" not in pn44.timeline()["data"][0]


def test_text_is_kept_in_nfc_and_checked_for_duplicates_so(
    sandbox: Sandbox, accounts: dict[str, Account]
) -> None:
    pn44 = accounts["PNationale44"]
    pn44.post("Ope\u0301ration se\u0301curite\u0301")
    assert texts(pn44.timeline()) == ["Opération sécurité"]
    with pytest.raises(tweepy.Forbidden):
        pn44.post("Opération sécurité")  # the same text once normalised
    assert received(sandbox, "POST", "/2/tweets") == [201, 403]


# OAuth 1.0a


def test_wrong_secret_is_401(sandbox: Sandbox) -> None:
    wrong = Credentials("sandbox-key", "sandbox-secret", "sandbox-PNationale44", "faux")
    with Account(sandbox, wrong) as account:
        answer = account.http.post(f"{X_HOST}/2/tweets", json={"text": "Intrus"})
        assert answer.status_code == 401
        assert answer.json() == about_blank(401, "Unauthorized")
        with pytest.raises(tweepy.Unauthorized):
            account.post("Intrus")
    assert sandbox.posts() == []
    assert sandbox.user("PNationale44") is None


def test_unsigned_request_is_401(sandbox: Sandbox) -> None:
    answer = requests.post(f"{sandbox.url}/2/tweets", json={"text": "Anonyme"}, timeout=10)
    assert answer.status_code == 401
    assert received(sandbox, "POST", "/2/tweets") == [401]


def test_signature_covers_query_and_form_body(
    sandbox: Sandbox, accounts: dict[str, Account]
) -> None:
    pn44 = accounts["PNationale44"]
    pn44.post("Visible")
    user_id = pn44.id
    url = f"{sandbox.url}/2/users/{user_id}/tweets"

    signed = pn44.http.prepare_request(requests.Request("GET", url, params={"max_results": 5}))
    assert pn44.http.send(signed).status_code == 200
    tampered = signed.copy()
    tampered.url = str(signed.url).replace("max_results=5", "max_results=6")
    assert pn44.http.send(tampered).status_code == 401

    # A form-encoded body is signed: the signature verifies, then the endpoint refuses the form.
    form = pn44.http.prepare_request(
        requests.Request(
            "POST",
            f"{sandbox.url}/2/tweets",
            data={"text": "Sécurité & co = 100 % ~*!'()", "a": ["2", "1"]},
        )
    )
    assert pn44.http.send(form).status_code == 400
    changed = form.copy()
    changed.body = "text=Autre+chose"
    changed.headers["Content-Length"] = str(len(changed.body))
    assert pn44.http.send(changed).status_code == 401

    # JSON bodies are not part of the signature (RFC 5849): the same header still verifies.
    post = pn44.http.prepare_request(
        requests.Request("POST", f"{sandbox.url}/2/tweets", json={"text": "Un"})
    )
    post.body = json.dumps({"text": "Deux"}).encode()
    post.headers["Content-Length"] = str(len(post.body))
    assert pn44.http.send(post).status_code == 201


def test_configured_credentials(sandbox: Sandbox) -> None:
    credentials = Credentials("cle-pn44", "secret-pn44", "4400-jeton", "secret-jeton")
    sandbox.add_user("PNationale44", "Police nationale 44", credentials)
    other_app = Credentials("sandbox-key", "secret-pn44", "4400-jeton", "secret-jeton")
    with Account(sandbox, credentials) as account, Account(sandbox, other_app) as intruder:
        me = account.http.get(f"{X_HOST}/2/users/me").json()["data"]
        assert (me["username"], me["name"]) == ("PNationale44", "Police nationale 44")
        assert intruder.http.get(f"{X_HOST}/2/users/me").status_code == 401


def test_admin_api_creates_users_with_credentials(sandbox: Sandbox) -> None:
    answer = requests.post(
        f"{sandbox.url}/_sandbox/users",
        json={
            "username": "PNationale35",
            "name": "Police nationale 35",
            "consumer_key": "k",
            "consumer_secret": "ks",
            "access_token": "t",
            "access_token_secret": "ts",
        },
        timeout=10,
    )
    assert answer.status_code == 201
    assert answer.json()["data"]["credentials"]["access_token"] == "t"
    with Account(sandbox, Credentials("k", "ks", "t", "ts")) as account:
        assert account.http.get(f"{X_HOST}/2/users/me").json()["data"]["username"] == "PNationale35"


# Faults and rate limits


def test_injected_429_carries_the_reset(sandbox: Sandbox, accounts: dict[str, Account]) -> None:
    pn44 = accounts["PNationale44"]
    sandbox.inject("POST", "/2/tweets", status=429, reset_in=600)
    before = int(time.time())
    answer = pn44.http.post(f"{X_HOST}/2/tweets", json={"text": "Trop tôt"})
    assert answer.status_code == 429
    assert answer.json() == about_blank(429, "Too Many Requests")
    assert answer.headers["x-rate-limit-remaining"] == "0"
    assert int(answer.headers["x-rate-limit-limit"]) > 0
    assert before + 600 <= int(answer.headers["x-rate-limit-reset"]) <= int(time.time()) + 600
    assert sandbox.posts() == []
    # The fault was for one request only.
    pn44.post("Trop tôt")
    assert received(sandbox, "POST", "/2/tweets") == [429, 201]


def test_tweepy_sees_the_reset_time(sandbox: Sandbox, accounts: dict[str, Account]) -> None:
    sandbox.inject("POST", "/2/tweets", status=429, reset_in=900)
    with pytest.raises(tweepy.TooManyRequests) as raised:
        accounts["PNationale44"].post("Limite")
    assert raised.value.reset_time is not None and raised.value.reset_time > time.time()


def test_enforced_rate_limit(sandbox: Sandbox, accounts: dict[str, Account]) -> None:
    sandbox.limit("POST", "/2/tweets", 2)
    pn44 = accounts["PNationale44"]
    remaining = []
    for n in range(3):
        answer = pn44.http.post(f"{X_HOST}/2/tweets", json={"text": f"Numéro {n}"})
        remaining.append((answer.status_code, answer.headers["x-rate-limit-remaining"]))
    assert remaining == [(201, "1"), (201, "0"), (429, "0")]
    # Limits are per user.
    accounts["PNationale06"].post("Numéro 0")


def test_injected_503_then_success(sandbox: Sandbox, accounts: dict[str, Account]) -> None:
    sandbox.inject("POST", "/2/tweets", status=503, times=2)
    pn44 = accounts["PNationale44"]
    for _ in range(2):
        with pytest.raises(tweepy.TwitterServerError):
            pn44.post("Réessayer")
    pn44.post("Réessayer")
    assert received(sandbox, "POST", "/2/tweets") == [503, 503, 201]
    assert len(sandbox.posts()) == 1


def test_fault_matches_method_and_path_pattern(
    sandbox: Sandbox, accounts: dict[str, Account]
) -> None:
    pn44 = accounts["PNationale44"]
    post = pn44.post("À supprimer")
    sandbox.inject("DELETE", "/2/tweets/*", status=500)
    assert pn44.http.delete(f"{X_HOST}/2/tweets/{post}").status_code == 500
    assert pn44.http.delete(f"{X_HOST}/2/tweets/{post}").json() == {"data": {"deleted": True}}


def test_after_commit_posts_then_fails(sandbox: Sandbox, accounts: dict[str, Account]) -> None:
    pn44 = accounts["PNationale44"]
    sandbox.inject("POST", "/2/tweets", status=503, after_commit=True)
    with pytest.raises(tweepy.TwitterServerError):
        pn44.post("Publié malgré tout")
    assert texts(pn44.timeline()) == ["Publié malgré tout"]
    with pytest.raises(tweepy.Forbidden):
        pn44.post("Publié malgré tout")


def test_drop_closes_without_answer(sandbox: Sandbox, accounts: dict[str, Account]) -> None:
    pn44 = accounts["PNationale44"]
    sandbox.inject("POST", "/2/tweets", drop=True)
    with pytest.raises(requests.ConnectionError):
        pn44.post("Jamais arrivé")
    sandbox.inject("POST", "/2/tweets", drop=True, after_commit=True)
    with pytest.raises(requests.ConnectionError):
        pn44.post("Arrivé sans réponse")
    assert texts(pn44.timeline()) == ["Arrivé sans réponse"]
    logged = sandbox.requests("POST", "/2/tweets")
    assert [(r["status"], r["dropped"]) for r in logged] == [(None, True), (None, True)]


def test_delay_past_the_client_timeout(sandbox: Sandbox, accounts: dict[str, Account]) -> None:
    pn44 = accounts["PNationale44"]
    sandbox.inject("POST", "/2/tweets", delay=30, after_commit=True)
    with pytest.raises(requests.ReadTimeout):
        pn44.http.post(f"{X_HOST}/2/tweets", json={"text": "Lent"}, timeout=0.5)
    assert texts(pn44.timeline()) == ["Lent"]


def test_admin_api_over_http(sandbox: Sandbox, accounts: dict[str, Account]) -> None:
    admin = f"{sandbox.url}/_sandbox"
    fault = requests.post(
        f"{admin}/faults", json={"method": "POST", "path": "/2/tweets", "status": 500}, timeout=10
    )
    assert fault.status_code == 201
    assert requests.get(f"{admin}/faults", timeout=10).json()["data"][0]["status"] == 500
    bad = requests.post(f"{admin}/faults", json={"status": 418}, timeout=10)
    assert bad.status_code == 400

    pn44 = accounts["PNationale44"]
    assert pn44.http.post(f"{X_HOST}/2/tweets", json={"text": "Panne"}).status_code == 500
    log = requests.get(f"{admin}/requests", params={"method": "POST"}, timeout=10).json()["data"]
    assert [(r["method"], r["path"], r["json"], r["status"]) for r in log] == [
        ("POST", "/2/tweets", {"text": "Panne"}, 500)
    ]
    assert requests.delete(f"{admin}/requests", timeout=10).status_code == 200
    assert requests.get(f"{admin}/requests", timeout=10).json()["data"] == []

    pn44.post("Avant la remise à zéro")
    assert requests.post(f"{admin}/reset", timeout=10).status_code == 200
    assert requests.get(f"{admin}/posts", timeout=10).json()["data"] == []
    assert requests.get(f"{admin}/users", timeout=10).json()["data"] == []


def test_admin_rate_limits_over_http(sandbox: Sandbox, accounts: dict[str, Account]) -> None:
    admin = f"{sandbox.url}/_sandbox"
    documented = re.findall(
        r"^\| `((?:GET|POST|DELETE) /_sandbox[^`]*)`",
        (PROJECT / "docs" / "sandbox.md").read_text(encoding="utf-8"),
        re.MULTILINE,
    )
    assert requests.get(admin, timeout=10).json()["data"]["endpoints"] == sorted(documented)

    rule = {"method": "POST", "path": "/2/tweets", "limit": 1}
    assert requests.post(f"{admin}/rate-limits", json=rule, timeout=10).status_code == 201
    pn44 = accounts["PNationale44"]
    pn44.post("Une")
    with pytest.raises(tweepy.TooManyRequests):
        pn44.post("Deux")
    assert requests.delete(f"{admin}/rate-limits", timeout=10).status_code == 200
    pn44.post("Deux")
    assert received(sandbox, "POST", "/2/tweets") == [201, 429, 201]


# Media


def test_media_upload_with_alt_text(sandbox: Sandbox, accounts: dict[str, Account]) -> None:
    pn44 = accounts["PNationale44"]
    upload = pn44.http.post(
        f"{X_HOST}/2/media/upload",
        files={"media": ("affiche.png", PNG, "image/png")},
        data={"media_category": "tweet_image"},
    )
    assert upload.status_code == 200
    data = upload.json()["data"]
    assert data["media_key"] == "3_" + data["id"]
    assert data["expires_after_secs"] == 86400
    assert data["size"] == len(PNG)
    metadata = pn44.http.post(
        f"{X_HOST}/2/media/metadata",
        json={"id": data["id"], "metadata": {"alt_text": {"text": "Affiche « Cambriolages »"}}},
    )
    assert metadata.json() == {
        "data": {
            "id": data["id"],
            "associated_metadata": {"alt_text": {"text": "Affiche « Cambriolages »"}},
        }
    }
    post = pn44.post("Les bons réflexes", media_ids=[data["id"]])

    timeline = pn44.timeline(
        **{
            "tweet.fields": "attachments",
            "expansions": "attachments.media_keys",
            "media.fields": "alt_text,url",
        }
    )
    assert timeline["data"][0]["id"] == post
    assert timeline["data"][0]["attachments"] == {"media_keys": [data["media_key"]]}
    (media,) = timeline["includes"]["media"]
    assert media["alt_text"] == "Affiche « Cambriolages »"
    image = requests.get(media["url"], timeout=10)
    assert image.content == PNG
    assert image.headers["Content-Type"] == "image/png"

    form = sandbox.requests("POST", "/2/media/upload")[0]["form"]
    assert form["media_category"] == "tweet_image"
    assert form["media"]["size"] == len(PNG)


def test_media_refusals(sandbox: Sandbox, accounts: dict[str, Account]) -> None:
    pn44, pn06 = accounts["PNationale44"], accounts["PNationale06"]
    not_image = pn44.http.post(
        f"{X_HOST}/2/media/upload",
        files={"media": ("texte.png", b"pas une image", "image/png")},
        data={"media_category": "tweet_image"},
    )
    assert not_image.status_code == 400
    theirs = pn06.upload()
    borrowed = pn44.http.post(
        f"{X_HOST}/2/tweets", json={"text": "Emprunt", "media": {"media_ids": [theirs]}}
    )
    assert borrowed.status_code == 400
    alt_for_theirs = pn44.http.post(
        f"{X_HOST}/2/media/metadata",
        json={"id": theirs, "metadata": {"alt_text": {"text": "Non"}}},
    )
    assert alt_for_theirs.status_code == 400
    too_long = pn06.http.post(
        f"{X_HOST}/2/media/metadata",
        json={"id": theirs, "metadata": {"alt_text": {"text": "a" * 1001}}},
    )
    assert too_long.status_code == 400


# The timeline page


def test_timeline_page_reads_like_the_account(
    sandbox: Sandbox, accounts: dict[str, Account]
) -> None:
    pn44 = accounts["PNationale44"]
    sandbox.add_user("PNationale44", "Police nationale de Loire-Atlantique")
    media = pn44.upload(alt='Affiche "17" <police>')
    pn44.post("Ancienne publication")
    root = pn44.post("Fil : début <script>alert(1)</script>", media_ids=[media])
    pn44.post(
        "Fil : suite, voir https://www.interieur.gouv.fr/. Pas javascript:alert(2)",
        in_reply_to_tweet_id=root,
        reply_settings="mentionedUsers",
    )
    retracted = pn44.post("Publication retirée")
    pn44.client.delete_tweet(retracted, user_auth=True)

    page = requests.get(sandbox.timeline_url("PNationale44"), timeout=10)
    assert page.status_code == 200
    assert page.headers["Content-Type"] == "text/html; charset=utf-8"
    html = page.text
    assert '<html lang="fr">' in html
    assert "Police nationale de Loire-Atlantique" in html
    assert "Publication retirée" not in html
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert f'<img src="/media/{media}" alt="Affiche &quot;17&quot; &lt;police&gt;"' in html
    assert "<figcaption><b>ALT</b>Affiche &quot;17&quot; &lt;police&gt;</figcaption>" in html
    assert "Seuls les comptes mentionnés peuvent répondre." in html
    assert (
        'voir <a href="https://www.interieur.gouv.fr/" rel="noopener noreferrer">'
        "https://www.interieur.gouv.fr/</a>. Pas javascript:alert(2)"
    ) in html
    # Newest thread first, its parts in order, then the older post.
    assert html.index("Fil : début") < html.index("Fil : suite") < html.index("Ancienne")

    index = requests.get(sandbox.timeline_url(), timeout=10).text
    assert 'href="/PNationale44"' in index and "3 publications" in index
    assert requests.get(f"{sandbox.url}/Inconnu", timeout=10).status_code == 404
    # Pages are not API calls: they stay out of the log.
    assert sandbox.requests("GET", "/PNationale44") == []


# Persistence and lifecycle


def test_state_survives_a_restart(tmp_path: Path) -> None:
    db = tmp_path / "bac.sqlite3"
    with start(db=db) as first, Account(first, first.credentials("PNationale44")) as account:
        media = account.upload(alt="Affiche")
        kept = account.post("Reste après redémarrage", media_ids=[media])
        gone = account.post("Supprimée avant redémarrage")
        account.client.delete_tweet(gone, user_auth=True)
        user_id = account.id
    with start(db=db) as second, Account(second, second.credentials("PNationale44")) as account:
        assert account.id == user_id
        timeline = account.timeline()
        assert [t["id"] for t in timeline["data"]] == [kept]
        newer = account.post("Après redémarrage")
        assert int(newer) > int(kept)
        with pytest.raises(tweepy.Forbidden):
            account.post("Reste après redémarrage")
        html = requests.get(second.timeline_url("PNationale44"), timeout=10).text
        assert 'alt="Affiche"' in html
        assert requests.get(f"{second.url}/media/{media}", timeout=10).content == PNG


def test_module_exports_the_documented_api() -> None:
    assert sandbox_credentials("Nom") == Credentials(
        "sandbox-key", "sandbox-secret", "sandbox-Nom", "sandbox-secret"
    )
    assert Credentials("a", "b", "c", "d").env("GAZOUILLE_PN44") == {
        "GAZOUILLE_PN44_X_API_KEY": "a",
        "GAZOUILLE_PN44_X_API_SECRET": "b",
        "GAZOUILLE_PN44_X_ACCESS_TOKEN": "c",
        "GAZOUILLE_PN44_X_ACCESS_TOKEN_SECRET": "d",
    }


def _gazouille(*args: str, cwd: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen(
        [sys.executable, "-m", "gazouille", *args],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_cli_serves_until_ctrl_c(repo: Path) -> None:
    process = _gazouille("sandbox", "--port", "0", "--db", str(repo / "bac.sqlite3"), cwd=repo)
    assert process.stdout is not None
    lines = []
    for line in process.stdout:
        lines.append(line)
        if line.startswith("Ctrl-C"):
            break
    output = "".join(lines)
    url = re.search(r"Bac à sable X démarré : (http://127\.0\.0\.1:\d+)", output)
    assert url is not None, output
    assert f"export GAZOUILLE_X_API_URL={url.group(1)}" in output
    assert f"export GAZOUILLE_X_SITE_URL={url.group(1)}" in output
    assert "export GAZOUILLE_PN44_X_ACCESS_TOKEN=sandbox-PNationale44" in output
    assert "export GAZOUILLE_PN44_X_API_KEY=sandbox-key" in output
    index = requests.get(url.group(1) + "/", timeout=10).text
    assert "Police nationale de Loire-Atlantique" in index

    process.send_signal(signal.SIGINT)
    rest, errors = process.communicate(timeout=30)
    assert process.returncode == 0, errors
    assert "Bac à sable arrêté." in rest
    assert (repo / "bac.sqlite3").exists()


def test_cli_refuses_a_broken_database(repo: Path) -> None:
    broken = repo / "pas-une-base.sqlite3"
    broken.write_bytes(b"ceci n'est pas une base SQLite" * 100)
    process = _gazouille("sandbox", "--port", "0", "--db", str(broken), cwd=repo)
    _, errors = process.communicate(timeout=30)
    assert process.returncode == 2
    assert f"{broken} : ce fichier n'est pas une base du bac à sable" in errors
    assert "--db" in errors
    assert "supprimez" not in errors


@pytest.mark.parametrize("name", ["README.md", "accounts.yml", "autre.sqlite3"])
def test_cli_never_touches_nor_advises_deleting_a_file_it_did_not_create(
    repo: Path, name: str
) -> None:
    target = repo / name
    if name == "README.md":
        target.write_text("# Dépôt des publications\n", encoding="utf-8")
    if name.endswith(".sqlite3"):  # a real SQLite base, of another application
        with contextlib.closing(sqlite3.connect(target)) as db:
            db.execute("CREATE TABLE notes (texte TEXT)")
            db.commit()
    before = target.read_bytes()
    process = _gazouille("sandbox", "--port", "0", "--db", str(target), cwd=repo)
    _, errors = process.communicate(timeout=30)
    assert process.returncode == 2
    assert f"{target} : ce fichier n'est pas une base du bac à sable" in errors
    assert "supprimez" not in errors
    assert target.read_bytes() == before
    assert not Path(f"{target}-wal").exists()


def test_sandbox_env_for_an_account(sandbox: Sandbox) -> None:
    assert sandbox.env("GAZOUILLE_PN44", "PNationale44") == {
        "GAZOUILLE_X_API_URL": sandbox.url,
        "GAZOUILLE_X_SITE_URL": sandbox.url,
        "GAZOUILLE_PN44_X_API_KEY": "sandbox-key",
        "GAZOUILLE_PN44_X_API_SECRET": "sandbox-secret",
        "GAZOUILLE_PN44_X_ACCESS_TOKEN": "sandbox-PNationale44",
        "GAZOUILLE_PN44_X_ACCESS_TOKEN_SECRET": "sandbox-secret",
    }


def test_cli_refuses_an_impossible_port(repo: Path) -> None:
    process = _gazouille("sandbox", "--port", "70000", cwd=repo)
    _, errors = process.communicate(timeout=30)
    assert process.returncode == 2
    assert "--port" in errors


def test_cli_refuses_a_busy_port(repo: Path, sandbox: Sandbox) -> None:
    process = _gazouille("sandbox", "--port", str(sandbox.port), cwd=repo)
    _, errors = process.communicate(timeout=30)
    assert process.returncode == 2
    assert f"le port {sandbox.port} est déjà utilisé" in errors
    assert "--port" in errors

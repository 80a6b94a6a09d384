"""Fetching pages safely and extracting their text, against a server the test runs itself.

No test touches the internet: every page comes from a ``ThreadingHTTPServer`` bound to
127.0.0.1 on a free port, serving pages written below; tests that must not open any
connection at all use the ``no_network`` fixture.
"""

from __future__ import annotations

import contextlib
import re
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

import slant.fetch
from slant.corpus import InputError
from slant.fetch import (
    FetchError,
    address_problem,
    check_url,
    default_user_agent,
    extract_article,
    fetch_url,
    load_url,
)

# A made-up local news story, written for these tests: an article with navigation,
# a comment section and a footer around it, so extraction has something to leave out.
ARTICLE_PARAGRAPHS = (
    (
        "The harbour bridge reopened to traffic on Monday morning after six weeks of repairs "
        "to its northern span, the city's transport department said in a statement."
    ),
    (
        "Engineers replaced forty expansion joints and resurfaced the deck, according to the "
        "department, which put the cost of the work at 12 million dollars."
    ),
    (
        "Commuters had used a ferry service and a detour through the industrial district "
        "while the bridge was closed, adding about twenty minutes to a typical journey."
    ),
)
ARTICLE_HTML = (
    "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
    "<title>Harbour bridge reopens after repairs | City Gazette</title>"
    "<meta property='og:title' content='Harbour bridge reopens after repairs'>"
    "<meta property='article:published_time' content='2025-12-01T08:00:00Z'>"
    "</head><body>"
    "<nav><a href='/'>Home</a> <a href='/world'>World</a> Subscribe for alerts</nav>"
    "<article><h1>Harbour bridge reopens after repairs</h1>"
    + "".join(f"<p>{paragraph}</p>" for paragraph in ARTICLE_PARAGRAPHS)
    + "</article>"
    "<section class='comments' id='comments'><h2>Comments</h2>"
    "<div class='comment'><p>Reader42 wrote: finally, what took them so long?</p></div>"
    "</section>"
    "<footer>Copyright notice and cookie settings for the City Gazette</footer>"
    "</body></html>"
).encode()

Handler = Callable[[BaseHTTPRequestHandler], None]


class LocalSite:
    """A web server on 127.0.0.1 serving handlers registered by path, counting requests."""

    def __init__(self) -> None:
        self.routes: dict[str, Handler] = {}
        self.hits: Counter[str] = Counter()
        self.times: dict[str, list[float]] = {}
        self.user_agents: list[str] = []
        self._lock = threading.Lock()
        site = self

        class RequestHandler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: object) -> None:
                pass  # keep the test output quiet

            def do_GET(self) -> None:
                path = self.path.split("?", 1)[0]
                with site._lock:
                    site.hits[path] += 1
                    site.times.setdefault(path, []).append(time.monotonic())
                    site.user_agents.append(self.headers.get("User-Agent", ""))
                route = site.routes.get(path)
                if route is None:
                    self.send_response(404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                # the client may hang up early, as several tests intend
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    route(self)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), RequestHandler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def __enter__(self) -> LocalSite:
        self.thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def page(
        self,
        path: str,
        body: bytes,
        *,
        content_type: str = "text/html; charset=utf-8",
        status: int = 200,
        headers: dict[str, str] | None = None,
    ) -> str:
        def serve(handler: BaseHTTPRequestHandler) -> None:
            handler.send_response(status)
            handler.send_header("Content-Type", content_type)
            handler.send_header("Content-Length", str(len(body)))
            for name, value in (headers or {}).items():
                handler.send_header(name, value)
            handler.end_headers()
            handler.wfile.write(body)

        self.routes[path] = serve
        return self.url(path)

    def redirect(self, path: str, location: str, status: int = 302) -> str:
        def serve(handler: BaseHTTPRequestHandler) -> None:
            handler.send_response(status)
            handler.send_header("Location", location)
            handler.send_header("Content-Length", "0")
            handler.end_headers()

        self.routes[path] = serve
        return self.url(path)


@pytest.fixture
def site() -> Iterator[LocalSite]:
    with LocalSite() as local:
        yield local


def fast(**overrides: Any) -> dict[str, Any]:
    """Keyword arguments for a quick local fetch: private addresses allowed, tiny back-off."""
    options: dict[str, Any] = {"allow_private": True, "timeout": 5.0, "backoff": 0.01}
    options.update(overrides)
    return options


# --------------------------------------------------------------------------- success


def test_fetch_html_page(site: LocalSite) -> None:
    url = site.page("/story", ARTICLE_HTML)
    result = fetch_url(url, allow_private=True)
    assert result.status == 200
    assert result.url == result.final_url == url
    assert result.content_type == "text/html"
    assert result.charset == "utf-8"
    assert result.body == ARTICLE_HTML
    assert result.redirects == ()
    assert result.attempts == 1
    assert 0 < result.elapsed < 5
    assert site.user_agents == [default_user_agent()]


def test_user_agent_is_polite_and_versioned() -> None:
    agent = default_user_agent()
    assert re.fullmatch(r"slant/\d+\.\d+\S* \(\+research tool; contact in README\)", agent)
    assert agent.split()[0] == f"slant/{slant.__version__}"


def test_extract_keeps_the_article_and_drops_the_rest(no_network: None) -> None:
    # no_network proves trafilatura is never allowed to fetch anything itself
    extracted = extract_article(ARTICLE_HTML, "https://gazette.example/story")
    for paragraph in ARTICLE_PARAGRAPHS:
        assert paragraph in extracted.text
    for boilerplate in ("Subscribe for alerts", "Reader42", "Copyright notice"):
        assert boilerplate not in extracted.text
    assert extracted.title == "Harbour bridge reopens after repairs"
    assert extracted.date == "2025-12-01"
    assert extracted.content_type == "text/html"


def test_extract_when_the_page_is_a_url_string(no_network: None) -> None:
    # a str that looks like a URL must be treated as (empty) content, never downloaded
    with pytest.raises(InputError, match="no article text"):
        extract_article("https://gazette.example/story", "https://gazette.example/story")


def test_extract_plain_text_is_taken_as_it_is() -> None:
    body = b"Line one of a plain report.\nLine two, with a comma.\n"
    extracted = extract_article(body, "https://x.example/a.txt", content_type="text/plain")
    assert extracted.text == body.decode()
    assert extracted.title is None


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("application/pdf", b"%PDF-1.7\n%binary"),
        ("image/png", b"\x89PNG\r\n\x1a\n"),
        ("application/json", b'{"text": "not a page"}'),
    ],
)
def test_extract_refuses_other_media_types(content_type: str, body: bytes) -> None:
    with pytest.raises(InputError, match=re.escape(content_type)) as caught:
        extract_article(body, "https://x.example/file", content_type=content_type)
    assert "\n" not in str(caught.value)
    assert "https://x.example/file" in str(caught.value)


def test_extract_refuses_binary_bytes_labelled_as_html() -> None:
    with pytest.raises(InputError, match="calls this text/html, but it is a PDF file"):
        extract_article(b"%PDF-1.7\n%\xe2\xe3", "https://x.example/a", content_type="text/html")


def test_extract_page_without_article_text() -> None:
    # a page that builds its content with JavaScript holds no text for trafilatura
    html = (
        b"<html><head><title>App</title></head>"
        b"<body><div id='root'></div><script>renderStory()</script></body></html>"
    )
    with pytest.raises(InputError, match="no article text"):
        extract_article(html, "https://x.example/empty")


def test_load_url_builds_a_document(site: LocalSite) -> None:
    site.page("/final", ARTICLE_HTML)
    start = site.redirect("/moved", "/final", status=301)
    document = load_url(start, **fast())
    assert document.kind == "article"
    assert document.url == site.url("/final")
    assert document.title == "Harbour bridge reopens after repairs"
    assert document.date == "2025-12-01"
    assert ARTICLE_PARAGRAPHS[1] in document.text
    assert document.id == "127-0-0-1-final"


def test_load_url_refuses_a_pdf(site: LocalSite) -> None:
    url = site.page("/report.pdf", b"%PDF-1.7\n...", content_type="application/pdf")
    with pytest.raises(InputError, match="application/pdf") as caught:
        load_url(url, **fast())
    assert url in str(caught.value)


# --------------------------------------------------------------------------- HTTP errors


def test_404_is_an_error_and_not_retried(site: LocalSite) -> None:
    url = site.url("/missing")
    with pytest.raises(FetchError, match="HTTP 404") as caught:
        fetch_url(url, **fast())
    assert caught.value.status == 404
    assert str(caught.value).startswith(url)
    assert site.hits["/missing"] == 1


def test_503_is_retried_with_growing_backoff_then_succeeds(site: LocalSite) -> None:
    def flaky(handler: BaseHTTPRequestHandler) -> None:
        if site.hits["/flaky"] < 3:
            handler.send_response(503)
            handler.send_header("Content-Length", "0")
            handler.end_headers()
            return
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Content-Length", str(len(ARTICLE_HTML)))
        handler.end_headers()
        handler.wfile.write(ARTICLE_HTML)

    site.routes["/flaky"] = flaky
    result = fetch_url(site.url("/flaky"), **fast(retries=2, backoff=0.1))
    assert result.body == ARTICLE_HTML
    assert result.attempts == 3
    assert site.hits["/flaky"] == 3
    first, second, third = site.times["/flaky"]
    # back-off 0.1 s before the first retry, 0.2 s before the second (backoff * 2**k)
    assert second - first >= 0.1
    assert third - second >= 0.2


def test_503_gives_up_after_the_retries(site: LocalSite) -> None:
    url = site.page("/down", b"", status=503)
    with pytest.raises(FetchError, match=r"HTTP 503 \(Service Unavailable\) after 2 attempts"):
        fetch_url(url, **fast(retries=1))
    assert site.hits["/down"] == 2


def test_429_is_retried(site: LocalSite) -> None:
    def limited(handler: BaseHTTPRequestHandler) -> None:
        status = 429 if site.hits["/limited"] == 1 else 200
        handler.send_response(status)
        handler.send_header("Retry-After", "0")
        handler.send_header("Content-Type", "text/plain")
        handler.send_header("Content-Length", "2")
        handler.end_headers()
        handler.wfile.write(b"ok")

    site.routes["/limited"] = limited
    result = fetch_url(site.url("/limited"), **fast())
    assert result.body == b"ok"
    assert site.hits["/limited"] == 2


def test_timeout_is_a_total_budget(site: LocalSite) -> None:
    def slow(handler: BaseHTTPRequestHandler) -> None:
        time.sleep(3)  # longer than the whole budget below
        handler.send_response(200)
        handler.end_headers()

    site.routes["/slow"] = slow
    started = time.monotonic()
    with pytest.raises(FetchError, match="time") as caught:
        fetch_url(site.url("/slow"), **fast(timeout=0.5, retries=2))
    assert time.monotonic() - started < 2.0
    assert "\n" not in str(caught.value)


def test_a_slow_trickle_is_cut_off_by_the_budget(site: LocalSite) -> None:
    # each byte arrives well within any per-socket timeout; only a total budget stops it
    def trickle(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.end_headers()
        for _ in range(200):
            handler.wfile.write(b"<p>x</p>")
            handler.wfile.flush()
            time.sleep(0.05)

    site.routes["/trickle"] = trickle
    started = time.monotonic()
    with pytest.raises(FetchError, match="time budget"):
        fetch_url(site.url("/trickle"), **fast(timeout=0.6, retries=0))
    assert time.monotonic() - started < 2.5


# --------------------------------------------------------------------------- size limits


def test_an_endless_page_is_cut_off_at_the_byte_cap(site: LocalSite) -> None:
    chunk = b"<p>" + b"a" * 65_530 + b"</p>"
    cap_on_server = 4_000  # chunks: about 256 MB, far more than a client that stops early
    sent = [0]
    finished = threading.Event()

    def endless(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.end_headers()  # no Content-Length: the body runs until the server stops
        try:
            for _ in range(cap_on_server):
                handler.wfile.write(chunk)
                sent[0] += len(chunk)
        finally:
            finished.set()

    site.routes["/endless"] = endless
    with pytest.raises(FetchError, match="over the limit of 200,000 bytes") as caught:
        fetch_url(site.url("/endless"), **fast(max_bytes=200_000))
    assert "stopped reading at" in str(caught.value)
    assert finished.wait(10), "the server kept streaming after the client gave up"
    # the client hung up: the server could only fill the socket buffers, not send it all
    assert sent[0] < cap_on_server * len(chunk) // 4


def test_content_length_over_the_cap_is_refused_before_reading(site: LocalSite) -> None:
    def huge(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Content-Length", "50000000")
        handler.end_headers()
        handler.wfile.write(b"<p>start</p>")
        handler.wfile.flush()
        time.sleep(2)  # never sends the rest; a client that waited would hang here

    site.routes["/huge"] = huge
    started = time.monotonic()
    with pytest.raises(FetchError, match="says the page is 50,000,000 bytes"):
        fetch_url(site.url("/huge"), **fast(max_bytes=1_000_000))
    assert time.monotonic() - started < 1.5


# --------------------------------------------------------------------------- redirects


@pytest.mark.parametrize(
    "target", ["file:///etc/passwd", "ftp://files.example/a.txt", "javascript:alert(1)"]
)
def test_redirect_to_a_disallowed_scheme_is_refused(site: LocalSite, target: str) -> None:
    url = site.redirect("/jump", target)
    scheme = target.split(":", 1)[0]
    with pytest.raises(FetchError, match=f"redirected to a URL.*'{scheme}:'"):
        fetch_url(url, **fast())
    assert site.hits["/jump"] == 1


def test_a_redirect_chain_over_the_cap_is_refused(site: LocalSite) -> None:
    for step in range(10):
        site.redirect(f"/hop{step}", f"/hop{step + 1}")
    with pytest.raises(FetchError, match="more than 3 redirects"):
        fetch_url(site.url("/hop0"), **fast(max_redirects=3))
    # the start and 3 redirects were requested; the 4th redirect was not followed
    assert sum(site.hits.values()) == 4
    assert site.hits["/hop4"] == 0


def test_redirects_within_the_cap_are_followed(site: LocalSite) -> None:
    site.page("/end", b"done", content_type="text/plain")
    site.redirect("/b", "/end", status=307)
    start = site.redirect("/a", site.url("/b"), status=308)
    result = fetch_url(start, **fast(max_redirects=2))
    assert result.body == b"done"
    assert result.final_url == site.url("/end")
    assert result.redirects == (start, site.url("/b"))


def test_every_redirect_target_is_checked_again(
    site: LocalSite, monkeypatch: pytest.MonkeyPatch
) -> None:
    # let exactly 127.0.0.1 count as public, so the first hop passes and the redirect
    # to 127.0.0.2 (also this machine) must be caught by the check on the new target
    real_check = slant.fetch.address_problem
    monkeypatch.setattr(
        slant.fetch,
        "address_problem",
        lambda address: None if address == "127.0.0.1" else real_check(address),
    )
    start = site.redirect("/out", site.url("/inside", host="127.0.0.2"))
    with pytest.raises(FetchError, match=r"127\.0\.0\.2 is a loopback address"):
        fetch_url(start, timeout=5.0, retries=0)
    assert site.hits["/out"] == 1
    assert site.hits["/inside"] == 0


# --------------------------------------------------------------------------- addresses


def test_loopback_is_refused_without_allow_private(site: LocalSite) -> None:
    url = site.page("/here", ARTICLE_HTML)
    with pytest.raises(FetchError, match="loopback") as caught:
        fetch_url(url, timeout=5.0)
    assert "allow_private=True" in str(caught.value)
    assert site.hits["/here"] == 0  # refused before connecting
    assert fetch_url(url, allow_private=True).body == ARTICLE_HTML


def test_a_name_that_resolves_to_loopback_is_refused(site: LocalSite) -> None:
    url = site.page("/here", ARTICLE_HTML)
    with pytest.raises(FetchError, match=r"localhost resolves to .*loopback"):
        fetch_url(site.url("/here", host="localhost"), timeout=5.0, retries=0)
    assert site.hits["/here"] == 0
    assert url  # the page exists: only the address check stopped the fetch


@pytest.mark.parametrize(
    "url",
    [
        "http://10.1.2.3/",
        "http://172.16.0.1/",
        "http://192.168.1.1/admin",
        "http://169.254.169.254/latest/meta-data/",  # cloud metadata service
        "http://0.0.0.0/",
        "http://[::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://[fe80::1]/",
        "http://[fd12:3456::1]/",
        "https://224.0.0.1/",
    ],
)
def test_non_public_ip_literals_are_refused_without_connecting(url: str, no_network: None) -> None:
    with pytest.raises(FetchError, match="refused because"):
        fetch_url(url, retries=0)


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("127.0.0.1", "loopback"),
        ("10.0.0.1", "private"),
        ("172.31.255.255", "private"),
        ("192.168.0.10", "private"),
        ("169.254.169.254", "link-local"),
        ("224.0.0.251", "multicast"),
        ("240.0.0.1", "reserved"),
        ("0.0.0.0", "unspecified"),
        ("100.64.0.1", "not a public"),  # carrier-grade NAT
        ("::1", "loopback"),
        ("::", "unspecified"),
        ("fe80::1%eth0", "link-local"),
        ("fc00::1", "private"),
        ("ff02::1", "multicast"),
        ("::ffff:127.0.0.1", "loopback"),
        ("::ffff:10.0.0.1", "private"),
        ("not-an-ip", "not an IP"),
    ],
)
def test_address_problem_refuses(address: str, reason: str) -> None:
    problem = address_problem(address)
    assert problem is not None
    assert reason in problem


@pytest.mark.parametrize("address", ["93.184.215.14", "8.8.8.8", "2606:4700:4700::1111"])
def test_address_problem_allows_public_addresses(address: str) -> None:
    assert address_problem(address) is None


# --------------------------------------------------------------------------- URL checks


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("file:///etc/passwd", "'file:' URLs are not fetched"),
        ("ftp://ftp.example.org/pub/a.txt", "'ftp:' URLs are not fetched"),
        ("data:text/html,<p>hello</p>", "'data:' URLs are not fetched"),
        ("javascript:alert(1)", "'javascript:' URLs are not fetched"),
        ("gopher://old.example/1", "'gopher:' URLs are not fetched"),
        ("mailto:editor@example.org", "'mailto:' URLs are not fetched"),
        ("example.org/story", "no scheme"),
        ("http:///story", "no host name"),
        ("https://user:secret@example.org/", "user name or password"),
        ("http://example.org:99999/", "not a valid URL"),
    ],
)
def test_refused_urls(url: str, message: str, no_network: None) -> None:
    with pytest.raises(FetchError, match=re.escape(message)) as caught:
        fetch_url(url)
    text = str(caught.value)
    assert text.startswith(url)
    assert "\n" not in text


def test_check_url_accepts_http_and_https() -> None:
    assert check_url("  https://example.org/a?b=1 ") == "https://example.org/a?b=1"
    assert check_url("HTTP://example.org/") == "HTTP://example.org/"


@pytest.mark.parametrize(
    "options",
    [{"timeout": 0}, {"max_bytes": 0}, {"max_redirects": -1}, {"retries": -1}, {"backoff": -1}],
)
def test_bad_limits_are_refused(options: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match="must be positive"):
        fetch_url("https://example.org/", **options)

"""Fetching a web page safely, and pulling the article's text out of it.

:func:`fetch_url` downloads one page with limits that make it safe to point at any URL a
user types:

- only ``http`` and ``https`` (``file:``, ``ftp:``, ``data:``, ``javascript:`` … are
  refused before anything is opened);
- every connection resolves the host name once, checks *every* address it got, and
  connects only to an address it has checked; loopback, private, link-local, multicast,
  reserved and unspecified addresses (IPv4 and IPv6, including IPv4-mapped IPv6) are
  refused unless ``allow_private=True``;
- redirects are followed by hand, at most ``max_redirects`` of them, and each target's
  scheme and address is checked again;
- the body is streamed and reading stops as soon as it passes ``max_bytes`` (a
  ``Content-Length`` over the limit is refused before reading);
- ``timeout`` is a budget for the whole fetch (name resolution, connecting, every retry,
  every redirect and the body), not only a per-socket timeout;
- connection errors, timeouts, HTTP 429 and 5xx are retried with exponential back-off
  (``backoff * 2**k`` seconds); other 4xx answers are not retried.

Known limits
------------
- Resolving the name and connecting happen inside one connection attempt, so a DNS
  answer that changes between the check and the connection (DNS rebinding) cannot slip a
  private address through. With ``allow_private=True`` none of this applies.
- Proxy settings from the environment (``HTTP_PROXY`` …) and ``.netrc`` credentials are
  ignored on purpose: through a proxy the address checks would check the wrong machine.
- An HTTP 3xx answer's own body is never read.

:func:`extract_article` turns the HTML into plain text with trafilatura (comments and
tables left out, precision favoured) and never fetches anything itself: it is handed
bytes, never a URL to download. :func:`load_url` chains the two and returns a
:class:`~slant.corpus.Document`.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import re
import socket
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any, Final
from urllib.parse import urljoin, urlsplit

import requests
import urllib3.exceptions
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.util.connection import create_connection

from slant.corpus import (
    DEFAULT_MAX_BYTES,
    Document,
    DocumentKind,
    InputError,
    decode_bytes,
    read_text,
)

__all__ = [
    "HTML_CONTENT_TYPES",
    "ExtractedText",
    "FetchError",
    "FetchResult",
    "address_problem",
    "check_url",
    "default_user_agent",
    "extract_article",
    "fetch_url",
    "load_url",
]

ALLOWED_SCHEMES: Final = ("http", "https")
#: Media types handed to trafilatura as HTML.
HTML_CONTENT_TYPES: Final = ("text/html", "application/xhtml+xml")
#: Media types taken as the article's text without extraction.
TEXT_CONTENT_TYPES: Final = ("text/plain",)
#: HTTP statuses worth trying again: too many requests, and server-side failures.
RETRY_STATUSES: Final = frozenset({429, 500, 502, 503, 504})
REDIRECT_STATUSES: Final = frozenset({301, 302, 303, 307, 308})
#: Bytes asked of the socket per read; small enough that the byte cap and the time budget
#: are checked often, large enough to be cheap.
_CHUNK_BYTES: Final = 16_384

_STATUS_HINTS: Final[Mapping[int, str]] = {
    401: "the page needs a login; save the article's text to a .txt file instead",
    403: "the site refused the request; save the article's text to a .txt file instead",
    404: "the page does not exist; check the URL",
    410: "the page was removed; look for another copy of the article",
    429: "the site is rate-limiting requests; wait a while and try again",
}


class FetchError(InputError):
    """A URL that could not be fetched or read; the message is one line naming the URL.

    Attributes
    ----------
    url : str
        The URL that failed (the redirect target, if a redirect failed).
    status : int or None
        The last HTTP status received, if any.
    """

    def __init__(self, message: str, *, url: str, status: int | None = None) -> None:
        super().__init__(message)
        self.url = url
        self.status = status


@dataclass(frozen=True, slots=True)
class FetchResult:
    """One successful download.

    Attributes
    ----------
    url : str
        The URL asked for.
    final_url : str
        Where the page was found after redirects.
    status : int
        The final HTTP status (always 2xx).
    content_type : str
        The media type, lower-case, without parameters (``"text/html"``); ``""`` if the
        server did not say.
    charset : str or None
        The ``charset`` parameter of ``Content-Type``, if given.
    body : bytes
        The body as received (after any gzip/deflate transfer decoding).
    elapsed : float
        Seconds from the first request to the end of the body.
    redirects : tuple[str, ...]
        The URLs redirected through, in order (empty when there was no redirect).
    attempts : int
        Requests made in total, retries included.
    """

    url: str
    final_url: str
    status: int
    content_type: str
    charset: str | None
    body: bytes
    elapsed: float
    redirects: tuple[str, ...] = ()
    attempts: int = 1


@dataclass(frozen=True, slots=True)
class ExtractedText:
    """The article's text pulled out of a page, with what the page says about itself.

    Attributes
    ----------
    text : str
        The main text (paragraphs separated by newlines).
    title, date : str or None
        The page's title and ISO publication date, if found.
    url : str
        The page's URL.
    content_type : str
        The media type the text came from.
    """

    text: str
    title: str | None
    date: str | None
    url: str
    content_type: str


# --------------------------------------------------------------------------- user agent


@cache
def default_user_agent() -> str:
    """The polite ``User-Agent`` sent with every request: ``slant/<version> (+…)``."""
    from importlib.metadata import PackageNotFoundError, version  # noqa: PLC0415

    try:
        release = version("slant")
    except PackageNotFoundError:  # a source tree that was not installed
        from slant._version import VERSION  # noqa: PLC0415

        release = VERSION
    return f"slant/{release} (+research tool; contact in README)"


# --------------------------------------------------------------------------- URL checks


def check_url(url: str) -> str:
    """Return ``url`` stripped of surrounding spaces if slant may fetch it; refuse it if not.

    Only ``http`` and ``https`` URLs with a host name and no user name or password pass.

    Raises
    ------
    FetchError
        Any other scheme, a missing host, or embedded credentials.
    """
    given: object = url
    if not isinstance(given, str):
        msg = f"expected a URL string, got {type(given).__name__}"
        raise TypeError(msg)
    url = url.strip()
    try:
        parts = urlsplit(url)
        port = parts.port  # raises ValueError for a malformed port
    except ValueError as exc:
        msg = f"{url}: not a valid URL ({exc}); check it"
        raise FetchError(msg, url=url) from None
    scheme = parts.scheme.lower()
    if not scheme:
        msg = f"{url}: the URL has no scheme; write it in full, starting with https://"
        raise FetchError(msg, url=url)
    if scheme not in ALLOWED_SCHEMES:
        msg = (
            f"{url}: '{scheme}:' URLs are not fetched, only http and https; "
            "for a local file, load it as a file instead"
        )
        raise FetchError(msg, url=url)
    if not parts.hostname:
        msg = f"{url}: the URL has no host name; check it"
        raise FetchError(msg, url=url)
    if parts.username is not None or parts.password is not None:
        msg = f"{url}: URLs with a user name or password are not fetched; remove them"
        raise FetchError(msg, url=url)
    if port == 0:
        msg = f"{url}: port 0 is not a valid port; check the URL"
        raise FetchError(msg, url=url)
    return url


def address_problem(address: str) -> str | None:
    """Say why an IP address may not be fetched from, or return None if it may.

    Parameters
    ----------
    address : str
        An IPv4 or IPv6 address (an IPv6 zone such as ``%eth0`` is ignored).

    Returns
    -------
    str or None
        A short reason ("a loopback address", …), or None for a public address.
        IPv4-mapped IPv6 addresses (``::ffff:a.b.c.d``) are judged by their IPv4 part.
    """
    try:
        ip: ipaddress.IPv4Address | ipaddress.IPv6Address = ipaddress.ip_address(
            address.split("%", 1)[0]
        )
    except ValueError:
        return "not an IP address"
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    checks = (
        (ip.is_unspecified, "an unspecified address"),
        (ip.is_loopback, "a loopback address (this machine)"),
        (ip.is_link_local, "a link-local address"),
        (ip.is_multicast, "a multicast address"),
        (ip.is_reserved, "a reserved address"),
        (ip.is_private, "a private-network address"),
        # catches what the flags above miss, e.g. carrier-grade NAT 100.64.0.0/10
        (not ip.is_global, "not a public internet address"),
    )
    for flagged, reason in checks:
        if flagged:
            return reason
    return None


# --------------------------------------------------------------------------- guarded sockets


class _BlockedAddressError(Exception):
    """A host resolved to an address that may not be fetched from.

    Deliberately not an ``OSError``: urllib3 and requests turn those into retryable
    connection errors, and this must reach :func:`fetch_url` unchanged.
    """

    def __init__(self, host: str, address: str, reason: str) -> None:
        where = address if host.strip("[]") == address else f"{host} resolves to {address}, which"
        super().__init__(f"{where} is {reason}")
        self.host = host
        self.address = address
        self.reason = reason


def _resolve(host: str, port: int, timeout: float | None) -> list[tuple[int, str]]:
    """Resolve ``host`` to ``(family, address)`` pairs, giving up after ``timeout`` seconds.

    ``getaddrinfo`` has no timeout of its own, so it runs in a daemon thread; a resolver
    that hangs is abandoned rather than waited for.
    """
    bare = host.strip("[]")
    try:
        literal = ipaddress.ip_address(bare.split("%", 1)[0])
    except ValueError:
        pass
    else:
        family = socket.AF_INET6 if literal.version == 6 else socket.AF_INET
        return [(family, bare)]

    outcome: list[Any] = []

    def lookup() -> None:
        try:
            outcome.append(socket.getaddrinfo(bare, port, type=socket.SOCK_STREAM))
        except OSError as exc:
            outcome.append(exc)

    worker = threading.Thread(target=lookup, name=f"slant-resolve-{bare}", daemon=True)
    worker.start()
    worker.join(timeout)
    if not outcome:
        msg = f"looking up {bare} took longer than {timeout:.1f} s"
        raise TimeoutError(msg)
    result = outcome[0]
    if isinstance(result, OSError):
        raise result
    pairs: list[tuple[int, str]] = []
    for family, _type, _proto, _name, sockaddr in result:
        address = str(sockaddr[0])
        if (int(family), address) not in pairs:
            pairs.append((int(family), address))
    return pairs


def _open_checked_socket(conn: HTTPConnection) -> socket.socket:
    """Resolve once, refuse if any address is not public, connect to a checked address."""
    host = conn._dns_host  # the name urllib3 itself would connect to
    port = conn.port or (443 if isinstance(conn, HTTPSConnection) else 80)
    timeout = conn.timeout if isinstance(conn.timeout, int | float) else None
    try:
        addresses = _resolve(host, port, timeout)
    except socket.gaierror as exc:
        raise urllib3.exceptions.NameResolutionError(host, conn, exc) from exc
    except TimeoutError as exc:
        raise urllib3.exceptions.ConnectTimeoutError(conn, str(exc)) from exc
    if not addresses:
        raise urllib3.exceptions.NameResolutionError(
            host, conn, socket.gaierror(f"no addresses for {host}")
        )
    for _family, address in addresses:
        reason = address_problem(address)
        if reason is not None:
            raise _BlockedAddressError(host, address, reason)
    last_error: OSError | None = None
    for _family, address in addresses:
        try:
            return create_connection(
                (address, port),
                timeout,
                source_address=conn.source_address,
                socket_options=conn.socket_options,
            )
        except OSError as exc:  # includes timeouts; try the next address
            last_error = exc
    if isinstance(last_error, TimeoutError):
        msg = f"connection to {host} timed out (connect timeout={timeout})"
        raise urllib3.exceptions.ConnectTimeoutError(conn, msg) from last_error
    msg = f"failed to connect to {host}: {last_error}"
    raise urllib3.exceptions.NewConnectionError(conn, msg) from last_error


class _CheckedHTTPConnection(HTTPConnection):
    def _new_conn(self) -> socket.socket:
        return _open_checked_socket(self)


class _CheckedHTTPSConnection(HTTPSConnection):
    def _new_conn(self) -> socket.socket:
        return _open_checked_socket(self)


class _CheckedHTTPConnectionPool(HTTPConnectionPool):
    ConnectionCls = _CheckedHTTPConnection


class _CheckedHTTPSConnectionPool(HTTPSConnectionPool):
    ConnectionCls = _CheckedHTTPSConnection


class _CheckedAdapter(HTTPAdapter):
    """A requests adapter whose connections refuse non-public addresses."""

    def init_poolmanager(
        self, connections: int, maxsize: int, block: bool = False, **pool_kwargs: Any
    ) -> None:
        super().init_poolmanager(connections, maxsize, block, **pool_kwargs)
        self.poolmanager.pool_classes_by_scheme = {
            "http": _CheckedHTTPConnectionPool,
            "https": _CheckedHTTPSConnectionPool,
        }


def _session(allow_private: bool) -> requests.Session:
    session = requests.Session()
    session.trust_env = False  # no proxies or .netrc from the environment (see module doc)
    adapter = HTTPAdapter(max_retries=0) if allow_private else _CheckedAdapter(max_retries=0)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


# --------------------------------------------------------------------------- fetching


class _RetryableError(Exception):
    """One attempt failed in a way worth trying again; ``message`` is the one-line reason."""

    def __init__(self, message: str, *, status: int | None = None, wait: float = 0.0) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.wait = wait


@dataclass(frozen=True, slots=True)
class _Hop:
    status: int
    location: str | None
    content_type: str
    charset: str | None
    body: bytes


def _split_content_type(header: str | None) -> tuple[str, str | None]:
    if not header:
        return "", None
    media, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'")
    return media.strip().lower(), charset


def _retry_after(header: str | None) -> float:
    """Seconds asked for by a ``Retry-After`` header given in seconds (dates are ignored)."""
    if header and header.strip().isdigit():
        return float(header.strip())
    return 0.0


def _status_text(status: int) -> str:
    try:
        from http import HTTPStatus  # noqa: PLC0415

        return f"HTTP {status} ({HTTPStatus(status).phrase})"
    except ValueError:
        return f"HTTP {status}"


def _read_body(
    response: requests.Response, url: str, max_bytes: int, deadline: float, timeout: float
) -> bytes:
    """Read the body chunk by chunk, stopping at the byte cap or the time budget."""
    length = response.headers.get("Content-Length", "")
    if length.strip().isdigit() and int(length) > max_bytes:
        msg = (
            f"{url}: the server says the page is {int(length):,} bytes, over the limit of "
            f"{max_bytes:,} bytes; raise max_bytes (--max-bytes) if this is really the article"
        )
        raise FetchError(msg, url=url, status=response.status_code)
    parts: list[bytes] = []
    received = 0
    raw = response.raw
    try:
        while True:
            if time.monotonic() > deadline:
                raise _RetryableError(f"the page took longer than the {timeout:g} s time budget")
            chunk = raw.read1(_CHUNK_BYTES, decode_content=True)
            if not chunk:
                break
            received += len(chunk)
            if received > max_bytes:
                msg = (
                    f"{url}: the page is over the limit of {max_bytes:,} bytes (stopped "
                    f"reading at {received:,}); raise max_bytes (--max-bytes) if this is "
                    "really the article"
                )
                raise FetchError(msg, url=url, status=response.status_code)
            parts.append(chunk)
    except urllib3.exceptions.DecodeError as exc:
        msg = f"{url}: the page's compressed body is damaged ({exc}); try again later"
        raise FetchError(msg, url=url, status=response.status_code) from None
    except urllib3.exceptions.ReadTimeoutError:
        raise _RetryableError("reading the page timed out") from None
    except (urllib3.exceptions.HTTPError, OSError) as exc:
        raise _RetryableError(
            f"the connection broke while reading ({type(exc).__name__})"
        ) from None
    return b"".join(parts)


def _one_request(
    session: requests.Session,
    url: str,
    *,
    deadline: float,
    timeout: float,
    max_bytes: int,
    agent: str,
) -> _Hop:
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise _RetryableError(f"no time left in the {timeout:g} s time budget")
    headers = {
        "User-Agent": agent,
        "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1",
        "Accept-Encoding": "gzip, deflate",
    }
    try:
        response = session.get(
            url,
            headers=headers,
            timeout=(remaining, remaining),
            allow_redirects=False,
            stream=True,
        )
    except _BlockedAddressError as exc:
        msg = (
            f"{url}: refused because {exc}; slant only fetches public web pages "
            "(--allow-private, or allow_private=True, for a server you run yourself)"
        )
        raise FetchError(msg, url=url) from None
    except requests.exceptions.Timeout:
        raise _RetryableError("the server did not answer in time") from None
    except requests.exceptions.SSLError:
        msg = (
            f"{url}: the secure connection failed (the site's certificate could not be "
            "verified, or TLS failed); check the address, or open it in a browser"
        )
        raise FetchError(msg, url=url) from None
    except requests.exceptions.ConnectionError as exc:
        cause = exc.args[0] if exc.args else exc
        if isinstance(cause, urllib3.exceptions.MaxRetryError) and cause.reason is not None:
            cause = cause.reason
        if isinstance(cause, urllib3.exceptions.NameResolutionError):
            raise _RetryableError("the host name could not be found (check the spelling)") from None
        raise _RetryableError(f"could not connect ({type(cause).__name__})") from None
    except requests.exceptions.RequestException as exc:
        msg = f"{url}: the request failed ({type(exc).__name__}: {exc}); check the URL"
        raise FetchError(" ".join(msg.split()), url=url) from None
    with response:
        status = response.status_code
        content_type, charset = _split_content_type(response.headers.get("Content-Type"))
        if status in REDIRECT_STATUSES:
            return _Hop(status, response.headers.get("Location"), content_type, charset, b"")
        if status in RETRY_STATUSES:
            wait = _retry_after(response.headers.get("Retry-After"))
            raise _RetryableError(
                f"the server answered {_status_text(status)}", status=status, wait=wait
            )
        if not 200 <= status < 300:
            hint = _STATUS_HINTS.get(status, "check the URL, or save the article's text to a file")
            msg = f"{url}: the server answered {_status_text(status)}; {hint}"
            raise FetchError(msg, url=url, status=status)
        body = _read_body(response, url, max_bytes, deadline, timeout)
        return _Hop(status, None, content_type, charset, body)


def fetch_url(
    url: str,
    *,
    timeout: float = 20.0,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_redirects: int = 5,
    allow_private: bool = False,
    user_agent: str | None = None,
    retries: int = 2,
    backoff: float = 0.5,
) -> FetchResult:
    """Download one web page within strict limits (see the module's documentation).

    Parameters
    ----------
    url : str
        An ``http`` or ``https`` URL.
    timeout : float
        Time budget in seconds for the whole fetch: every attempt, redirect and the body.
    max_bytes : int
        Refuse a body larger than this (checked against ``Content-Length`` first, then
        while streaming).
    max_redirects : int
        Follow at most this many redirects.
    allow_private : bool
        Allow loopback, private and other non-public addresses (for a local server).
    user_agent : str, optional
        The ``User-Agent`` header; default :func:`default_user_agent`.
    retries : int
        How many times to try again after a connection error, timeout, HTTP 429 or 5xx
        (so ``retries + 1`` attempts per URL at most).
    backoff : float
        Seconds before the first retry; each further retry waits twice as long
        (``backoff * 2**k`` for the k-th retry, k = 0, 1, …), or longer if the server
        sends ``Retry-After``, never past the time budget.

    Returns
    -------
    FetchResult

    Raises
    ------
    FetchError
        (an :class:`~slant.corpus.InputError`) with a one-line message naming the URL
        and saying what to do: refused scheme or address, HTTP error, too many redirects,
        too large, out of time, or still failing after the retries.
    """
    if timeout <= 0 or max_bytes <= 0 or max_redirects < 0 or retries < 0 or backoff < 0:
        msg = (
            "timeout and max_bytes must be positive, and max_redirects, retries and "
            f"backoff not negative (got {timeout}, {max_bytes}, {max_redirects}, "
            f"{retries}, {backoff})"
        )
        raise ValueError(msg)
    start_url = check_url(url)
    agent = user_agent or default_user_agent()
    started = time.monotonic()
    deadline = started + timeout
    current = start_url
    redirects: list[str] = []
    attempts = 0
    with _session(allow_private) as session:
        while True:
            hop, used = _with_retries(
                session,
                current,
                deadline=deadline,
                timeout=timeout,
                max_bytes=max_bytes,
                agent=agent,
                retries=retries,
                backoff=backoff,
            )
            attempts += used
            if hop.status not in REDIRECT_STATUSES:
                return FetchResult(
                    url=start_url,
                    final_url=current,
                    status=hop.status,
                    content_type=hop.content_type,
                    charset=hop.charset,
                    body=hop.body,
                    elapsed=time.monotonic() - started,
                    redirects=tuple(redirects),
                    attempts=attempts,
                )
            if not hop.location:
                status = _status_text(hop.status)
                msg = f"{current}: a redirect ({status}) with no target; check the URL"
                raise FetchError(msg, url=current, status=hop.status)
            if len(redirects) >= max_redirects:
                msg = (
                    f"{start_url}: more than {max_redirects} redirects (last to {current}); "
                    "open the URL in a browser and use the address it ends at"
                )
                raise FetchError(msg, url=current, status=hop.status)
            target = urljoin(current, hop.location.strip())
            try:
                target = check_url(target)
            except FetchError as exc:
                msg = f"{start_url}: redirected to a URL slant will not follow: {exc}"
                raise FetchError(msg, url=target, status=hop.status) from None
            redirects.append(current)
            current = target


def _with_retries(
    session: requests.Session,
    url: str,
    *,
    deadline: float,
    timeout: float,
    max_bytes: int,
    agent: str,
    retries: int,
    backoff: float,
) -> tuple[_Hop, int]:
    """One URL, tried up to ``retries + 1`` times; returns the answer and the attempts used."""
    for attempt in range(retries + 1):
        try:
            hop = _one_request(
                session, url, deadline=deadline, timeout=timeout, max_bytes=max_bytes, agent=agent
            )
        except _RetryableError as failure:
            tried = f"{attempt + 1} attempt{'s' if attempt else ''}"
            wait = max(backoff * 2**attempt, failure.wait)
            out_of_time = time.monotonic() + wait >= deadline
            if attempt == retries or out_of_time:
                why = (
                    f"within the {timeout:g} s time budget"
                    if out_of_time and attempt < retries
                    else f"after {tried}"
                )
                msg = f"{url}: {failure.message} {why}; check the URL or try again later"
                raise FetchError(msg, url=url, status=failure.status) from None
            time.sleep(wait)
        else:
            return hop, attempt + 1
    raise AssertionError("unreachable")  # pragma: no cover


# --------------------------------------------------------------------------- extraction


#: File signatures of formats that servers sometimes label as HTML by mistake.
_BINARY_SIGNATURES: Final = (
    (b"%PDF-", "a PDF file"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"\x1f\x8b", "gzip-compressed data"),
)


def _binary_kind(data: bytes | str) -> str | None:
    """Name the binary format of ``data``, or None if it may be text."""
    if isinstance(data, str):
        return None
    head = data[:8192]
    for signature, kind in _BINARY_SIGNATURES:
        if head.startswith(signature):
            return kind
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "binary data"
    return None


def _decode_html(data: bytes | str, charset: str | None) -> bytes | str:
    """Decode with the server's charset when it gave one; else let trafilatura guess."""
    if isinstance(data, str) or charset is None:
        return data
    try:
        return data.decode(charset, errors="replace")
    except LookupError:  # an unknown charset name
        return data


def extract_article(
    html: bytes | str,
    url: str,
    *,
    content_type: str = "text/html",
    charset: str | None = None,
) -> ExtractedText:
    """Pull the article's main text, title and date out of a page, without fetching anything.

    HTML goes through ``trafilatura.extract`` (comments and tables left out,
    ``favor_precision=True``, plain-text output) and ``trafilatura.extract_metadata`` for
    the title and date. ``text/plain`` is taken as it is. Any other media type (a PDF,
    an image, JSON, …) is refused.

    Parameters
    ----------
    html : bytes or str
        The page as received.
    url : str
        Where the page came from (named in errors, given to trafilatura as metadata; never
        opened).
    content_type : str
        The media type, e.g. ``FetchResult.content_type``; ``""`` (unknown) is treated as
        HTML.
    charset : str, optional
        The charset the server declared, used to decode bytes.

    Raises
    ------
    InputError
        A media type that is neither HTML nor plain text, bytes that are not text, or a
        page with no article text that trafilatura can find.
    """
    media = content_type.split(";", 1)[0].strip().lower()
    if media in TEXT_CONTENT_TYPES:
        return ExtractedText(
            text=_plain_text(html, url, charset), title=None, date=None, url=url, content_type=media
        )
    if media and media not in HTML_CONTENT_TYPES:
        msg = (
            f"{url}: the page is {media}, not HTML or plain text; slant reads web pages "
            "and text — save the article's text to a .txt file and load that"
        )
        raise InputError(msg)
    binary = _binary_kind(html)
    if binary is not None:
        msg = (
            f"{url}: the server calls this {media or 'a web page'}, but it is {binary}; "
            "save the article's text to a .txt file and load that"
        )
        raise InputError(msg)
    source = _decode_html(html, charset)
    try:
        import trafilatura  # noqa: PLC0415  (heavy import, only needed here)

        text = trafilatura.extract(
            source,
            url=url,
            include_comments=False,
            include_tables=False,
            favor_precision=True,
            output_format="txt",
        )
        metadata = trafilatura.extract_metadata(source, default_url=url)
    except (ValueError, TypeError, LookupError, AttributeError) as exc:
        msg = f"{url}: the page could not be parsed ({type(exc).__name__}); save its text to a file"
        raise InputError(msg) from None
    if not text or not text.strip():
        msg = (
            f"{url}: no article text found on the page (it may need JavaScript, or be a "
            "paywall or consent page); copy the article's text into a .txt file"
        )
        raise InputError(msg)
    title = getattr(metadata, "title", None) or None
    date = _clean_date(getattr(metadata, "date", None))
    return ExtractedText(
        text=text.strip(),
        title=str(title) if title else None,
        date=date,
        url=url,
        content_type=media or "text/html",
    )


def _plain_text(data: bytes | str, url: str, charset: str | None) -> str:
    """Decode a ``text/plain`` body: the declared charset if not UTF-8, else strict UTF-8."""
    if isinstance(data, str):
        return data
    declared = (charset or "utf-8").lower().replace("_", "-")
    if declared in ("utf-8", "utf8", "us-ascii", "ascii"):
        return decode_bytes(data, url)
    try:
        return data.decode(declared)
    except (LookupError, UnicodeDecodeError):
        msg = f"{url}: the text is not valid {charset}, as the server said; save it as UTF-8 text"
        raise InputError(msg) from None


def _clean_date(value: object) -> str | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10]).isoformat()
    except ValueError:
        return None


_ID_UNSAFE = re.compile(r"[^a-z0-9]+")


def _id_from_url(url: str) -> str:
    parts = urlsplit(url)
    host = (parts.hostname or "page").removeprefix("www.")
    slug = _ID_UNSAFE.sub("-", f"{host} {parts.path}".lower()).strip("-")
    return slug[:80].rstrip("-") or "page"


def load_url(
    url: str,
    *,
    id: str | None = None,
    kind: DocumentKind = "article",
    timeout: float = 20.0,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_redirects: int = 5,
    allow_private: bool = False,
    retries: int = 2,
    backoff: float = 0.5,
) -> Document:
    """Fetch an article by URL and return it as a :class:`~slant.corpus.Document`.

    The page is fetched with :func:`fetch_url`, its text extracted with
    :func:`extract_article`, and the document built by :func:`~slant.corpus.read_text`
    with the final URL, the page's title and date.

    Parameters
    ----------
    url : str
        The article's address.
    id : str, optional
        Document id; default a slug of the host and path.
    kind : DocumentKind
        What the text is (``article`` by default).
    timeout, max_bytes, max_redirects, allow_private, retries, backoff
        As for :func:`fetch_url`; ``max_bytes`` also limits the extracted text.

    Raises
    ------
    InputError
        Anything that stops the page from being fetched or read, in one line naming the
        URL and what to do.
    """
    fetched = fetch_url(
        url,
        timeout=timeout,
        max_bytes=max_bytes,
        max_redirects=max_redirects,
        allow_private=allow_private,
        retries=retries,
        backoff=backoff,
    )
    extracted = extract_article(
        fetched.body,
        fetched.final_url,
        content_type=fetched.content_type,
        charset=fetched.charset,
    )
    return read_text(
        extracted.text,
        id=id or _id_from_url(fetched.final_url),
        kind=kind,
        url=fetched.final_url,
        title=extracted.title,
        date=extracted.date,
        max_bytes=max_bytes,
        name=fetched.final_url,
    )

"""Common network failures in words the catalogues translate, instead of the OS's English text.

A fetch that fails below HTTP surfaces as an httpx error whose text is the operating system's or
the TLS library's ("[Errno 111] Connection refused", "[SSL: CERTIFICATE_VERIFY_FAILED] ...").
An admin reads it in ``/sources`` in their own language, so the failures a source meets most
(refused, reset, unreachable, no such host, a certificate not accepted, a server that hangs up,
a compressed body that does not decompress) are said as Phrases; anything else keeps the
library's text (:func:`network_phrase` is None).
httpx raises its own error *from* httpcore's, itself raised from the ``OSError``, so the cause
is found by following ``__cause__`` and ``__context__``. A host name that does not resolve is
checked before the connection (:mod:`ingest.addresses`), which says so with the host's name.
"""

from __future__ import annotations

import errno
import socket
import ssl
from collections.abc import Iterator

import httpx

from ingest.phrases import Phrase

MAX_CAUSES = 8  # a chain is short; the bound only guards against a cycle

UNREACHABLE = frozenset({errno.ENETUNREACH, errno.EHOSTUNREACH})


def causes(error: BaseException) -> Iterator[BaseException]:
    """``error``, then what it was raised from, then what that was raised from ..."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen and len(seen) < MAX_CAUSES:
        seen.add(id(current))
        yield current
        # The context too, even when hidden: httpcore's pool re-raises its error ``from None``,
        # which drops the cause it was raised with and leaves the OSError only as the context.
        current = current.__cause__ or current.__context__


def resolution_phrase(error: socket.gaierror | UnicodeError) -> Phrase | str:
    """Why a host name did not resolve, in catalogue words where the reason is a common one."""
    if isinstance(error, UnicodeError):
        return Phrase("not a valid host name")
    if error.errno == socket.EAI_NONAME:
        return Phrase("no such host")
    if error.errno == socket.EAI_AGAIN:
        return Phrase("the name server did not answer; try again later")
    return str(error)


def network_phrase(error: BaseException) -> Phrase | None:
    """A common network failure behind ``error`` as a Phrase; None for any other."""
    for cause in causes(error):
        if isinstance(cause, ssl.SSLCertVerificationError):
            return Phrase("the server's TLS certificate was not accepted")
        if isinstance(cause, ssl.SSLError):
            return Phrase("the TLS handshake with the server failed")
        if isinstance(cause, socket.gaierror):
            return Phrase("cannot resolve the host name: {reason}", reason=resolution_phrase(cause))
        if isinstance(cause, ConnectionRefusedError):
            return Phrase("the server refused the connection")
        if isinstance(cause, ConnectionResetError):
            return Phrase("the server reset the connection")
        if isinstance(cause, OSError) and cause.errno in UNREACHABLE:
            return Phrase("the server's network cannot be reached")
    if isinstance(error, httpx.RemoteProtocolError):
        return Phrase("the server closed the connection without a valid answer")
    if isinstance(error, httpx.DecodingError):  # a gzip or brotli body that is not one
        return Phrase("the server's compressed answer could not be decompressed")
    return None

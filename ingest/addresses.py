"""Which hosts the fetcher may reach: public addresses only, unless private ones are allowed.

A feed chooses the links the fetcher follows, and an admin the URLs it polls, so without a
check either could make the bot fetch its own network (``127.0.0.1``, ``[::1]``,
``0x7f000001``, ``10.0.0.0/8``, a cloud metadata address, or a redirect to any of them) and
show the page to subscribers. :func:`check_request`, an httpx request hook (it runs for
every request and every redirect hop, whatever the transport or proxy), resolves the host
(every address DNS gives) and refuses it before connecting when one is loopback, private,
link-local, multicast, reserved, unspecified or otherwise not global (an IPv4-mapped IPv6
address is judged by its IPv4 address). ``BRIEFBOT_ALLOW_PRIVATE_URLS`` turns the check off.
The connection resolves the name again, so a DNS server that answers differently the second
time (rebinding) is not caught; a proxy in front of the bot is the defence for that.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket

import httpx

from ingest.network_errors import resolution_phrase
from ingest.phrases import Phrase

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class RefusedAddress(httpx.TransportError):
    """The host resolves to an address the fetcher must not reach; the message is one line."""


def private_reason(address: IPAddress) -> Phrase | None:
    """Why ``address`` is not public (e.g. ``"a private address"``), or None when it is."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    if address.is_loopback:
        return Phrase("a loopback address")
    if address.is_unspecified:
        return Phrase("an unspecified address")
    if address.is_link_local:
        return Phrase("a link-local address")
    if address.is_multicast:
        return Phrase("a multicast address")
    if address.is_reserved:
        return Phrase("a reserved address")
    if address.is_private or not address.is_global:
        return Phrase("a private address")
    return None


async def resolve(host: str, port: int, *, numeric_only: bool = False) -> list[IPAddress]:
    """Every address ``host`` resolves to (an address literal, in any form, to itself).

    ``numeric_only`` asks no DNS server: a name then resolves to nothing.
    """
    loop = asyncio.get_running_loop()
    flags = socket.AI_NUMERICHOST if numeric_only else 0
    try:
        infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=flags)
    except (socket.gaierror, UnicodeError) as error:
        if numeric_only:
            return []
        raise httpx.ConnectError(
            Phrase("cannot resolve {host}: {error}", host=host, error=resolution_phrase(error))
        ) from None
    # An IPv6 address may carry a scope ("fe80::1%eth0"); the address is before the "%".
    return [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]


async def check_host(host: str, port: int, *, numeric_only: bool = False) -> None:
    """Raise :class:`RefusedAddress` when ``host`` resolves to any non-public address."""
    name = host.lower().rstrip(".")
    if name == "localhost" or name.endswith(".localhost"):
        raise RefusedAddress(
            Phrase("{address} is {reason}", address=host, reason=Phrase("a loopback address"))
        )
    for address in await resolve(host, port, numeric_only=numeric_only):
        reason = private_reason(address)
        if reason is not None:
            raise RefusedAddress(
                Phrase("{address} is {reason}", address=str(address), reason=reason)
            )


async def check_url(url: str, *, numeric_only: bool = False) -> None:
    """:func:`check_host` for the host and port of ``url``."""
    parsed = httpx.URL(url)
    port = parsed.port or (443 if parsed.scheme == "https" else 80)
    await check_host(parsed.host, port, numeric_only=numeric_only)


async def check_request(request: httpx.Request) -> None:
    """An httpx ``request`` event hook: runs before every request, each redirect included."""
    await check_url(str(request.url))

"""Running one function from several threads at once, with thread switches forced often."""

from __future__ import annotations

import itertools
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

_SYLLABLES = ("ab", "ge", "stell", "ung", "en", "ver", "hand", "lung", "er", "schaft", "t", "e")


def made_up_words(count: int, length: int = 4) -> list[str]:
    """``count`` distinct letter-only words built from German-like syllables, in order."""
    words = ("".join(parts) for parts in itertools.product(_SYLLABLES, repeat=length))
    return list(dict.fromkeys(words))[:count]


@contextmanager
def frequent_switches() -> Iterator[None]:
    """Let the interpreter switch threads every microsecond (races show up at once)."""
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        yield
    finally:
        sys.setswitchinterval(interval)


def results_in_threads(
    function: Callable[[str], str], words: Sequence[str], threads: int = 4
) -> dict[str, str]:
    """``function(word)`` for every word, the words shared out among ``threads`` threads
    started together; an exception in a thread is kept as its result (``repr``)."""
    found: dict[str, str] = {}
    start = threading.Barrier(threads)

    def run(share: Sequence[str]) -> None:
        start.wait()
        for word in share:
            try:
                found[word] = function(word)
            except Exception as error:  # the result under test: a race's IndexError
                found[word] = repr(error)

    workers = [threading.Thread(target=run, args=(words[n::threads],)) for n in range(threads)]
    with frequent_switches():
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
    return found

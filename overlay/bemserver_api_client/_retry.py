"""When to retry a request, and how long to wait: nothing that could write twice is retried.

Retried: GET and HEAD; PUT and DELETE that carry If-Match (a replay after success fails with
412, it cannot apply twice); and any request that failed to connect (no byte reached the
server). On 408, 429, 502, 503 and 504 only, never 409/412/422/428. The wait is exponential
with jitter, or the server's Retry-After (seconds or an HTTP date) up to a cap; above the cap
the error is raised at once. Every call has an overall deadline.
"""

from __future__ import annotations

import email.utils
import math
import random
from dataclasses import dataclass, field
from typing import Any

RETRYABLE_STATUSES = frozenset({408, 429, 502, 503, 504})


@dataclass(frozen=True)
class RetryPolicy:
    """`RetryPolicy(max_retries=0)` (or `max_retries=0` on the client) turns retries off."""

    max_retries: int = 2
    backoff: float = 0.5  # seconds before the first retry; doubled each time
    max_backoff: float = 8.0
    max_retry_after: float = 60.0  # a longer Retry-After is not waited for: the error is raised
    deadline: float = 120.0  # seconds for a whole call, retries and waits included
    statuses: frozenset[int] = field(default=RETRYABLE_STATUSES)

    def idempotent(self, method: str, headers: Any) -> bool:
        """Whether sending the request twice cannot write twice."""
        return method in ("GET", "HEAD") or (method in ("PUT", "DELETE") and "If-Match" in headers)

    def backoff_delay(self, retry: int) -> float:
        """Exponential backoff with jitter (75-100 %) for retry number `retry` (0-based)."""
        delay: float = min(self.max_backoff, self.backoff * 2.0**retry)
        return delay * random.uniform(0.75, 1.0)


def retry_after(value: str | None, now: float) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP date, RFC 9110), or None
    when absent or unreadable (garbage, NaN). A date in the past gives 0; an endless wait
    ("inf", 1e400) gives infinity, which no cap accepts."""
    if not value:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        try:
            date = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError, OverflowError):
            return None
        if date is None or date.tzinfo is None:
            return None
        seconds = date.timestamp() - now
    if math.isnan(seconds):
        return None
    return max(0.0, seconds)

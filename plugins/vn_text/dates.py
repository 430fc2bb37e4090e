"""Vietnamese date formats of the portal, with Babel's "vi" weekday names.

Babel (CLDR) supplies the weekday names, so there is no hand-kept table to
get wrong; they are read once, when the module loads, into an immutable
tuple. The numeric part is fixed (dd/MM/yyyy HH:mm) and formatted directly:
templates call these filters tens of thousands of times in a large build,
and a Babel pattern format per call cost about a second per 1,000 articles
(see the README's Performance section). Datetimes are shown in the time zone
they carry: Pelican already attached the site's zone, and converting again
would shift the clock.
"""

from datetime import date, datetime

from babel.dates import get_day_names


def _capitalised(name: str) -> str:
    # The portal writes every word of a weekday capitalised ("Chủ Nhật");
    # enforce it so the style does not hang on the casing of CLDR data.
    return " ".join(word[:1].upper() + word[1:] for word in name.split())


# Monday first, as date.weekday() counts.
_WEEKDAYS = tuple(_capitalised(get_day_names("wide", locale="vi")[day])
                  for day in range(7))


def format_date(value: date | datetime) -> str:
    """``Thứ Hai, 10/02/2025``."""
    return f"{_weekday(value)}, {_numeric_date(value)}"


def format_datetime(value: date | datetime) -> str:
    """``10/02/2025 16:30``; a plain date is shown at 00:00."""
    hour, minute = getattr(value, "hour", 0), getattr(value, "minute", 0)
    return f"{_numeric_date(value)} {hour:02d}:{minute:02d}"


def format_long_datetime(value: date | datetime) -> str:
    """``Thứ Hai, 10/02/2025 16:30``."""
    return f"{_weekday(value)}, {format_datetime(value)}"


def _numeric_date(value: date | datetime) -> str:
    return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"


def _weekday(value: date | datetime) -> str:
    return _WEEKDAYS[value.weekday()]

"""Vietnamese date formats of the portal, built on Babel's "vi" locale.

Babel (CLDR) supplies the weekday names, so there is no hand-kept table to
get wrong. Datetimes are shown in the time zone they carry: Pelican already
attached the site's zone, and converting again would shift the clock.
"""

from datetime import date, datetime

from babel.dates import format_date as _babel_date
from babel.dates import format_datetime as _babel_datetime

_LOCALE = "vi"


def format_date(value: date | datetime) -> str:
    """``Thứ Hai, 10/02/2025``."""
    return f"{_weekday(value)}, {_babel_date(value, 'dd/MM/yyyy', locale=_LOCALE)}"


def format_datetime(value: date | datetime) -> str:
    """``10/02/2025 16:30``; a plain date is shown at 00:00."""
    # No tzinfo argument: Babel then formats the datetime's own clock time.
    return _babel_datetime(value, "dd/MM/yyyy HH:mm", locale=_LOCALE)


def format_long_datetime(value: date | datetime) -> str:
    """``Thứ Hai, 10/02/2025 16:30``."""
    return f"{_weekday(value)}, {format_datetime(value)}"


def _weekday(value: date | datetime) -> str:
    name = _babel_date(value, "EEEE", locale=_LOCALE)
    # The portal writes every word of a weekday capitalised ("Chủ Nhật");
    # enforce it so the style does not hang on the casing of CLDR data.
    return " ".join(word[:1].upper() + word[1:] for word in name.split())

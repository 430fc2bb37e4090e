"""The checks `invoke check` runs beyond the shared per-file ones.

`portal.source` holds what the build itself must refuse (broken header,
missing title, unreadable date, photo outside content/). The modules here
hold what an editor should hear about before pushing but that the build
either cannot know (another file with the same address, a date in the future
compared with today) or handles on its own (NFD text is normalised, markup in
a title is escaped): front matter (`front`), text (`text`), photos
(`photos`), links (`links`) and the whole site (`site`).

Each per-file check is `check(file, context) -> list[Problem]`; each site check
`check(files, context) -> list[Problem]`. Plugins add their own through a
`checks` module with `check_content(files, context)` (see portal.checker).
"""

from .model import CheckContext, ContentFile

__all__ = ["CheckContext", "ContentFile"]

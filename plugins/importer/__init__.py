"""Import legacy articles of the old district portal into Markdown.

Not a Pelican plugin: `invoke import-article` (tasks.py) calls `run`. The
package is split by concept: `textexport` and `htmlpage` read the two kinds
of legacy source into a `model.Draft`; `htmlblocks`, `htmlmd` and `sanitize`
turn a saved page's body into text blocks and captioned photos; `images`
finds or decodes the photos; `portaldates` and `byline` read dates and
signatures as portals print them; `writer` renders and writes the Markdown
and the photo files; `entities_link` fills Units/People when the site has
registries.
"""

from .run import Options, run

__all__ = ["Options", "run"]

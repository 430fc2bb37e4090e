"""Import legacy articles of the old district portal into Markdown.

Not a Pelican plugin: `invoke import-article` (tasks.py) calls `run`, and
`invoke import-site` calls `mirror.run_site` for a whole mirrored portal.
The package is split by concept: `textexport` and `htmlpage` read the two
kinds of legacy source into a `model.Draft`; `pageprep` takes out of a saved
page what its reader never saw (hidden elements, the Wayback toolbar) and
the lists of other articles; `pagemeta` finds its title and date;
`htmlblocks`, `htmlmd` and `sanitize` turn its body into text blocks and
captioned photos; `images` finds or decodes the photos; `portaldates` and
`byline` read dates, signatures and credit lines as portals print them;
`writer` renders and writes the Markdown and the photo files; `verify` runs
the checks of `invoke check` on what is about to be written;
`entities_link` fills Units/People when the site has registries.
"""

from .run import Options, run

__all__ = ["Options", "run"]

"""The HTML page's one stylesheet, inline, and the Content-Security-Policy that allows it
and nothing else: the page loads no font, script, image or style from anywhere, so it looks
the same offline, in an archive and on any web site, and tells no one it was opened.

Colours keep WCAG 2.1 AA contrast (4.5:1 for text) on white: text #1b1b1b, headings and
links #1f4e79 (8.9:1), links underlined. Print: A4, a page break where the document has
one (before each bilaga), headings kept with what follows, tables rows, the chart and the
signature block not split, and links printed as plain text (the contents too)."""

from __future__ import annotations

import base64
import hashlib
from functools import cache

_STYLESHEET = """
:root{color-scheme:light}
body{margin:0;background:#fff;color:#1b1b1b;font-size:1rem;line-height:1.5;
font-family:Arial,"Liberation Sans",Arimo,Helvetica,sans-serif}
main,.sidhuvud{max-width:48rem;margin:0 auto;padding:0 1rem}
.sidhuvud{padding-top:1rem;text-align:right;font-size:.875rem;color:#444}
.sidhuvud p{margin:0}
h1,h2,h3,h4,h5,h6{color:#1f4e79;line-height:1.25;margin:1.5em 0 .5em}
h1{font-size:1.75rem}
h2{font-size:1.4rem}
h3{font-size:1.2rem}
h4{font-size:1.05rem}
h5,h6{font-size:1rem}
a{color:#1f4e79;text-decoration:underline}
a:focus-visible{outline:2px solid #1f4e79;outline-offset:2px}
code{font-family:"Liberation Mono","DejaVu Sans Mono",monospace;font-size:.95em}
p,li,td,th{overflow-wrap:break-word}
table.tabell{border-collapse:collapse;width:100%;margin:1rem 0}
.tabell th,.tabell td{border:1px solid #5b6b7c;padding:.4rem .5rem;text-align:left;
vertical-align:top}
.tabell th{background:#e8eef5}
.tabell tr.avsnitt th{background:#d5e0ec}
figcaption{margin-top:.5rem;font-size:.9rem}
.innehall ul{list-style:none;margin:0;padding-left:1.25rem}
.innehall>ul{padding-left:0}
.innehall li{margin:.2rem 0}
figure.figur{margin:1rem 0}
figure.figur svg,figure.figur img{display:block;max-width:100%;height:auto}
.sidbrytning{border-top:1px solid #5b6b7c;margin:2.5rem 0}
.underskrifter{display:flex;flex-wrap:wrap;gap:1rem 3rem;margin:2rem 0}
.underskrift{flex:1 1 14rem}
.underskrift p{margin:.5rem 0;min-height:1.5em}
.linje{display:inline-block;width:12rem;max-width:100%;height:1.5em;vertical-align:bottom;
border-bottom:1px solid #1b1b1b}
@media print{
@page{size:A4;margin:2cm 2.5cm}
body{font-size:11pt;color:#000}
main,.sidhuvud{max-width:none;padding:0}
a{color:inherit;text-decoration:none}
h1,h2,h3,h4,h5,h6{break-after:avoid}
.sidbrytning{border:0;margin:0;break-after:page}
tr,figure,.underskrifter{break-inside:avoid}
thead{display:table-header-group}
}
"""


def stylesheet() -> str:
    """The CSS written into the page's <style> element, as it stands."""
    return _STYLESHEET


@cache
def content_security_policy() -> str:
    """Nothing but this stylesheet (by its hash) and pictures written into the page."""
    digest = base64.b64encode(hashlib.sha256(_STYLESHEET.encode("utf-8")).digest()).decode()
    return (
        f"default-src 'none'; style-src 'sha256-{digest}'; img-src data:; "
        "base-uri 'none'; form-action 'none'"
    )

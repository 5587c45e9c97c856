"""A script for LibreOffice's own Python (not the project's): it opens each DOCX headless
through LibreOffice's UNO API, reads the page of every contents bookmark (`_Toc…`) from the
laid-out document, and exports the PDF when asked.

Why a separate script: the `uno` module comes with LibreOffice (Debian: python3-uno, run by
/usr/bin/python3; macOS and Windows: the Python inside LibreOffice), and the project's venv
cannot import it. `writers.pdf_pages` runs this file as `python3 uno_worker.py SOFFICE
PROFILE_URL REQUEST.json ANSWER.json` and reads the answer from the last file. It imports
nothing from samverkan_cli, only the standard library besides `uno`.

Request: {"documents": [{"docx": path, "pdf": path or null}], "filter": {name: value}}.
Answer: {"pages": [{bookmark: page, …} per document]}. Exit code 3: no `uno` module here.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

NO_UNO = 3
"""Exit code when this Python has no `uno` module (the caller falls back to --convert-to)."""
BOOKMARK_PREFIX = "_Toc"
_CONNECT_SECONDS = 60.0


def main(arguments: list[str]) -> int:
    try:
        import uno  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        print("uno saknas i denna Python", file=sys.stderr)
        return NO_UNO
    soffice, profile, request_path, answer_path = arguments
    request = json.loads(Path(request_path).read_text(encoding="utf-8"))
    pipe = f"samverkan{os.getpid()}"
    office = subprocess.Popen(
        [
            soffice,
            f"-env:UserInstallation={profile}",
            *("--headless", "--invisible", "--nologo", "--nodefault"),
            *("--nolockcheck", "--norestore", "--nofirststartwizard"),
            f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext",
        ],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
    )
    try:
        desktop = _desktop(uno, pipe, office)
        pages = [
            _one(uno, desktop, document, request["filter"]) for document in request["documents"]
        ]
        answer = json.dumps({"pages": pages})
        Path(answer_path).write_text(answer, encoding="utf-8")
        with contextlib.suppress(Exception):  # the office ends its connection as it quits
            desktop.terminate()
        office.wait(timeout=30)
    finally:
        if office.poll() is None:
            office.kill()
    return 0


def _desktop(uno: Any, pipe: str, office: subprocess.Popen[bytes]) -> Any:
    """The office's Desktop, once it accepts connections on `pipe`."""
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    deadline = time.monotonic() + _CONNECT_SECONDS
    while True:
        try:
            context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            break
        except Exception:
            if office.poll() is not None or time.monotonic() > deadline:
                raise
            time.sleep(0.1)
    return context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)


def _properties(uno: Any, values: dict[str, Any]) -> tuple[Any, ...]:
    result = []
    for name, value in values.items():
        prop = uno.createUnoStruct("com.sun.star.beans.PropertyValue")
        prop.Name = name
        prop.Value = value
        result.append(prop)
    return tuple(result)


def _one(uno: Any, desktop: Any, document: dict[str, Any], filter_data: dict[str, Any]) -> Any:
    """The pages of the document's contents bookmarks; its PDF written when asked."""
    url = Path(document["docx"]).resolve().as_uri()
    load = {
        "Hidden": True,
        "FilterName": "MS Word 2007 XML",
        "ReadOnly": True,
        # Stated, not left to defaults: no macro runs and no linked content is fetched.
        "MacroExecutionMode": 0,  # com.sun.star.document.MacroExecMode.NEVER_EXECUTE
        "UpdateDocMode": 0,  # com.sun.star.document.UpdateDocMode.NO_UPDATE
    }
    model = desktop.loadComponentFromURL(url, "_blank", 0, _properties(uno, load))
    if model is None:
        raise RuntimeError(f"LibreOffice kunde inte öppna {document['docx']}")
    try:
        model.getTextFields().refresh()  # page fields, PAGEREF; never the index itself
        cursor = model.getCurrentController().getViewCursor()
        bookmarks = model.getBookmarks()
        pages: dict[str, int] = {}
        for name in bookmarks.getElementNames():
            if name.startswith(BOOKMARK_PREFIX):
                cursor.gotoRange(bookmarks.getByName(name).getAnchor().getStart(), False)
                pages[name] = int(cursor.getPage())
        if document.get("pdf"):
            data = uno.Any("[]com.sun.star.beans.PropertyValue", _properties(uno, filter_data))
            store = _properties(uno, {"FilterName": "writer_pdf_Export", "FilterData": data})
            target = Path(document["pdf"]).resolve().as_uri()
            uno.invoke(model, "storeToURL", (target, store))
        return pages
    finally:
        model.close(True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

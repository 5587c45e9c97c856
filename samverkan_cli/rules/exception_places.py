"""The place an `undantag` names must exist: an undantag whose `fil` or `plats` names
nothing would silence nothing, and the finding it was written for would stay. Refused at
its line with the nearest place there is (SV176). Which findings an undantag covers is
decided in `check.exception_matching`.
"""

from __future__ import annotations

from collections.abc import Iterator

from samverkan_cli.core.problems import Severity
from samverkan_cli.rules.engine import Finding, RuleContext, rule
from samverkan_cli.source.yaml_places import Unresolved, bilaga_document, resolve_place


@rule(
    "SV176",
    title="Undantagets plats finns inte",
    severity=Severity.ERROR,
    explanation=(
        "Ett undantag med 'plats' gäller bara fynd inne i den delen av filen: nycklar med "
        "punkt emellan från filens början, listposter med sitt id eller sitt nummer räknat "
        "från 1 (parter.kommunen.undertecknare, organisation.forum[2].möten). Med 'fil' "
        "gäller det en bilagefil (bilagor/plan.yaml). En plats eller fil som inte finns "
        "tystar inget fynd, så den är ett fel; meddelandet visar närmaste plats som finns."
    ),
)
def unresolved_exception_place(ctx: RuleContext) -> Iterator[Finding]:
    files = sorted(
        loaded.document.path.relative_to(ctx.loaded.folder).as_posix()
        for loaded in ctx.loaded.bilagor.values()
        if loaded.document.path.is_relative_to(ctx.loaded.folder)
    )
    for index, exception in enumerate(ctx.agreement.exceptions):
        document = ctx.source
        if exception.file is not None:
            found = bilaga_document(ctx.loaded, exception.file)
            if found is None:
                listed = ", ".join(files) if files else "(inga)"
                yield Finding(
                    ctx.at("undantag", index, "fil"),
                    f"bilagefilen '{exception.file}' finns inte bland de lästa bilagefilerna; "
                    f"skriv sökvägen från överenskommelsens mapp, t.ex. 'fil: "
                    f"{files[0] if files else 'bilagor/plan.yaml'}' (bilagefiler: {listed})",
                )
                continue
            document = found
        if exception.place is None:
            continue
        resolved = resolve_place(document, exception.place)
        if isinstance(resolved, Unresolved):
            nearest = f"'{resolved.nearest}'" if resolved.nearest else "filens början"
            yield Finding(
                ctx.at("undantag", index, "plats"),
                f"platsen '{exception.place}' finns inte i {document.display_path}: "
                f"{resolved.reason}; närmaste plats som finns: {nearest}. Listposter anges "
                "med sitt id eller sitt nummer från 1, t.ex. 'plats: parter.kommunen' eller "
                "'plats: parter[1]'",
            )

"""PyYAML's problem and context texts as patterns, with the Swedish to show for each.

Every problem text ends with how to write it instead (`t.ex.`); `{example}` is the source
line with its value quoted, `{found}` what PyYAML found. `tests/test_yaml_errors.py` reads
PyYAML's scanner, parser and composer and fails when a text has no pattern here.
"""

from __future__ import annotations

_R = r"(?P<found>.+)"
"""A value PyYAML put into its text with %r or %s."""

PROBLEMS: list[tuple[str, str]] = [
    (
        r"found character (?P<found>.+) that cannot start any token",
        "ett värde kan inte börja med tecknet {found}; sätt citattecken runt texten, "
        "t.ex. {example}",
    ),
    (
        r"expected alphabetic or numeric character, but found " + _R,
        "ett ankare (&namn) eller alias (*namn) ska ha ett namn av bokstäver och siffror, "
        "inte {found}; sätt citattecken runt en text som börjar med & eller *, t.ex. {example}",
    ),
    (
        r"expected (?:a digit or '\.'|a digit or ' '|a digit|' '|'!'|URI|'>'|"
        r"URI escape sequence of 2 hexadecimal numbers|a comment or a line break), but found " + _R,
        "oväntat tecken {found} i ett YAML-direktiv eller en tagg (rader som börjar med %, "
        "värden som börjar med !); sätt citattecken runt texten, t.ex. {example}",
    ),
    (
        r"found duplicate YAML directive|found incompatible YAML document.*|"
        r"duplicate tag handle (?P<found>.+)|found undefined tag handle (?P<handle>.+)",
        "YAML-direktiv och taggar (%YAML, %TAG, !tagg) stöds inte; ta bort dem, eller sätt "
        "citattecken runt texten, t.ex. {example}",
    ),
    (
        r"expected chomping or indentation indicators, but found " + _R,
        "efter | eller > får bara -, + eller en siffra stå (en kommentar behöver ett "
        "mellanslag); skriv t.ex. 'text: >' eller 'text: > # kommentar'",
    ),
    (
        r"expected indentation indicator in the range 1-9, but found 0",
        "indraget efter | eller > anges med en siffra 1–9, inte 0; skriv t.ex. 'text: |' "
        "eller 'text: |2'",
    ),
    (
        r"found unexpected end of stream",
        "filen tar slut mitt i ett värde; stäng citattecknet på samma sätt som det öppnades, "
        't.ex. titel: "Lokal samverkan"',
    ),
    (
        r"found unknown escape character " + _R,
        'okänd escape-sekvens \\{found} i citerad text: inom "…" inleder \\ en escape; '
        "skriv \\\\ för ett bakstreck eller använd enkla citattecken, t.ex. "
        "titel: 'C:\\Användare'",
    ),
    (
        r"expected escape sequence of (?P<count>\d+) hexadecimal numbers, but found " + _R,
        "efter \\x, \\u eller \\U ska {count} hexadecimala siffror stå, inte {found}; skriv "
        "\\\\ för ett bakstreck eller använd enkla citattecken, t.ex. titel: 'C:\\util'",
    ),
    (
        r"could not find expected ':'",
        "ett kolon saknas efter nyckeln; skriv t.ex. 'titel: Text'",
    ),
    (
        r"sequence entries are not allowed here",
        "ett listelement ('-') får inte stå här; skriv varje element på en egen rad under "
        "nyckeln, t.ex. 'profil:' och på nästa rad '  - stockholm-lokal-2023', eller sätt "
        'citattecken runt en text som börjar med -, t.ex. text: "- se nedan"',
    ),
    (
        r"mapping keys are not allowed here",
        "'?' får inte inleda en nyckel här; sätt citattecken runt texten, t.ex. text: \"? Frågor\"",
    ),
    (
        r"found unexpected document separator",
        "'---' eller '...' i början av en rad avslutar dokumentet; sätt citattecken runt "
        'texten, t.ex. text: "--- se nedan"',
    ),
    (
        r"mapping values are not allowed here",
        "ett kolon på fel plats (ett kolon följt av mellanslag inleder ett värde); sätt "
        'citattecken runt texten, t.ex. text: "Möte: kl 18"',
    ),
    (
        r"expected <block end>, but found '-'",
        "fel indrag före listelementet; ett '-' ska stå lika långt in som listans andra "
        "element, t.ex. '  - a' och '  - b'",
    ),
    (
        r"expected <block end>, but found " + _R,
        "fel indrag; nycklar på samma nivå ska stå i samma kolumn, t.ex. 'tid:' följt av "
        "'  från: 2024-06-01' och '  till: 2026-05-31'",
    ),
    (
        r"expected '<document start>', but found " + _R,
        "filen får bara innehålla ett YAML-dokument; ta bort '---' eller '...' och det som "
        "står efter",
    ),
    (
        r"expected ',' or '\]', but got " + _R,
        "en lista i hakparenteser är inte stängd; avsluta den med ']', t.ex. profil: [a, b]",
    ),
    (
        r"expected ',' or '\}', but got " + _R,
        "en mappning i klammerparenteser är inte stängd; avsluta den med '}}', t.ex. "
        "frekvens: {{minst: 2, per: år}}",
    ),
    (
        r"expected the node content, but found '<stream end>'",
        "filen tar slut där ett värde väntades (en klammer eller ett citattecken är inte "
        'stängt); avsluta det, t.ex. profil: [a, b] eller titel: "Text"',
    ),
    (
        r"expected the node content, but found " + _R,
        "ett värde väntades här, inte {found}; sätt citattecken runt texten, t.ex. {example}",
    ),
    (
        r"expected a single document in the stream|but found another document",
        "filen får bara innehålla ett YAML-dokument; ta bort raden '---' och slå ihop "
        "dokumenten till ett",
    ),
    (
        r"found undefined alias " + _R,
        "aliaset pekar på ett ankare som inte finns ({found}); ett värde som börjar med * "
        'ska stå inom citattecken, t.ex. titel: "*Viktigt*"',
    ),
    (
        r"found duplicate anchor (?P<found>.+); first occurrence|second occurrence",
        "ankaret finns redan tidigare i filen (ge det ett eget namn, t.ex. &rubrik2)",
    ),
    (
        r"found duplicate key",
        "nyckeln står två gånger i samma mappning; ta bort den ena",
    ),
]
"""PyYAML's problems (scanner, parser, composer) as patterns, with the Swedish to show."""

CONTEXTS: list[tuple[str, str]] = [
    (r"while scanning for the next token", ""),
    (r"while scanning a directive", "ett YAML-direktiv"),
    (r"while scanning an? (?:anchor|alias|%s)", "ett ankare eller alias"),
    (r"while scanning a tag|while parsing a tag|while parsing a %s|while parsing a URI", "en tagg"),
    (r"while scanning a block scalar", "ett textblock (| eller >)"),
    (r"while scanning a (?:double-)?quoted scalar", "en citerad text"),
    (r"while scanning a (?:%s|plain scalar|simple key)", "en nyckel eller ett värde"),
    (r"while parsing a block (?:mapping|collection)", "ett block"),
    (r"while parsing a flow sequence", "en lista i hakparenteser"),
    (r"while parsing a flow mapping", "en mappning i klammerparenteser"),
    (r"while parsing a (?:%s )?node|while parsing a \w+ node", "ett värde"),
    (r"while composing a mapping", "en mappning"),
    (r"but found another document", "ett andra dokument"),
    (r"second occurrence", ""),
    (r"expected a single document in the stream", ""),
    (r"while (?:scanning|parsing|composing) .+", "ett värde"),
]
"""PyYAML's contexts ("while parsing a flow mapping"): what was being read ("": nothing
worth saying)."""

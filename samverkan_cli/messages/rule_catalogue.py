"""Every rule id the tool can report, with its title, default severity and explanation.

The checks registered in `rules` describe themselves; the refusals of the loader and the
schema (SV001–SV013) are listed here, so that `samverkan regler`, SARIF and JSON output
describe every id a user can meet.
"""

from __future__ import annotations

from dataclasses import dataclass

from samverkan_cli.core.problems import Severity


@dataclass(frozen=True, slots=True)
class RuleInfo:
    id: str
    title: str
    severity: Severity
    explanation: str


_READING = [
    RuleInfo("SV001", "YAML-syntaxfel", Severity.ERROR, "Filen måste vara giltig YAML."),
    RuleInfo(
        "SV002",
        "Dubblerad nyckel",
        Severity.ERROR,
        "En nyckel får bara stå en gång i samma mappning; annars skulle ett värde tyst försvinna.",
    ),
    RuleInfo(
        "SV003",
        "Alias som expanderar för mycket",
        Severity.ERROR,
        "Ankare och alias får inte bygga upp mer än en liten mängd data (skydd mot aliasbomber).",
    ),
    RuleInfo(
        "SV004",
        "Ogiltiga tecken",
        Severity.ERROR,
        "Filen ska vara UTF-8 utan styrtecken.",
    ),
    RuleInfo("SV005", "Tom fil", Severity.ERROR, "En fil utan data kan inte vara en handling."),
    RuleInfo(
        "SV006",
        "YAML-konstruktion som inte stöds",
        Severity.ERROR,
        "Taggar, sammanslagningsnycklar och sammansatta nycklar stöds inte; skriv värdena ut.",
    ),
    RuleInfo(
        "SV007",
        "Filen är för stor",
        Severity.ERROR,
        "En YAML-fil får vara högst 5 MB; dela upp stora bilagor.",
    ),
    RuleInfo(
        "SV008",
        "För djup nästling",
        Severity.ERROR,
        "Data får vara nästlade i högst 64 nivåer.",
    ),
    RuleInfo(
        "SV009",
        "Länk utanför repositoriet",
        Severity.ERROR,
        "Ingenting läses eller skrivs genom en sökväg som leder utanför repositoriet: "
        "överenskommelser, bilagor, mallar, profiler, referensdokumentet och utdatamappen.",
    ),
    RuleInfo(
        "SV010",
        "Fel mot schemat",
        Severity.ERROR,
        "Fält, typer och värden ska följa schemat (se schemas/); okända fält är fel.",
    ),
    RuleInfo(
        "SV011",
        "Överenskommelsefil saknas",
        Severity.ERROR,
        "Varje mapp under agreements/ ska ha en overenskommelse.yaml.",
    ),
    RuleInfo("SV012", "Fil kan inte läsas", Severity.ERROR, "Filen finns men kan inte läsas."),
    RuleInfo(
        "SV013",
        "Okänd regelprofil",
        Severity.ERROR,
        "En överenskommelse kan bara ange regelprofiler som finns.",
    ),
    RuleInfo(
        "SV014",
        "Fel i samverkan.yaml",
        Severity.ERROR,
        "Repositoriets inställningar i samverkan.yaml måste följa sitt schema.",
    ),
    RuleInfo(
        "SV015",
        "Länkslinga eller oläsbar sökväg",
        Severity.ERROR,
        "En länk som pekar på sig själv (direkt eller via andra länkar), en mapp som inte kan "
        "läsas eller något som inte är en vanlig fil kan inte användas.",
    ),
    RuleInfo(
        "SV016",
        "Namn med styrtecken",
        Severity.ERROR,
        "En överenskommelses mappnamn, namnen på YAML-filerna i mappen och bilagornas 'fil' får "
        "inte innehålla styrtecken (radbrytning, vagnretur, ESC, DEL, C1-tecken, U+2028, "
        "U+2029), riktningstecken eller byte som inte är UTF-8: de skulle kunna skriva egna "
        "rader i loggen.",
    ),
    RuleInfo(
        "SV017",
        "För mycket data",
        Severity.ERROR,
        "En fil, och en överenskommelse med alla sina bilagor tillsammans, får innehålla högst "
        "8 miljoner tecken text, 100 000 rader text och 250 000 värden, räknat med varje alias "
        "utskrivet. Så kan inte en liten fil med ett långt ankare som upprepas bli ett "
        "dokument på hundratals megabyte.",
    ),
    RuleInfo(
        "SV018",
        "Dokumentet blir för stort",
        Severity.ERROR,
        "Ett byggt dokument får ha högst 16 miljoner tecken och 200 000 rader Markdown; "
        "större vägras innan något skrivs (till exempel när en mall upprepar data).",
    ),
    RuleInfo(
        "SV020",
        "Referensdokument som inte kan användas",
        Severity.ERROR,
        "Referensdokumentet (.docx) ger bara formatmallar, numrering, typsnitt, sidinställningar, "
        "sidhuvud och sidfot. Det vägras om det inte är en .docx, saknar huvuddokument eller "
        "formatmallar, packas upp till mer än 20 MB eller ser ut som en zip-bomb, eller "
        "innehåller något som får Word att hämta, infoga eller köra något: fält som "
        "INCLUDETEXT, INCLUDEPICTURE, LINK eller DDE, externa resurser, makron eller "
        "inbäddade objekt. Bifogad mall, webblänkar och dokumentets brödtext tas bort utan "
        "anmärkning.",
    ),
    RuleInfo(
        "SV021",
        "Rader som slogs ihop till en text",
        Severity.ERROR,
        "En text utan citattecken som fortsätter på raderna under slås ihop till en rad. "
        "Börjar en sådan rad med '- ', '? ', 'nyckel: ', '|' eller '>' är det nästan alltid "
        "ett listelement eller en nyckel med för litet indrag, som annars tyst skulle bli en "
        "del av texten; flytta raden till rätt kolumn, eller sätt citattecken runt texten.",
    ),
    RuleInfo(
        "SV022",
        "Profilens krav gäller inte ännu",
        Severity.INFO,
        "Varje krav i en regelprofil gäller från ett datum (gäller_från: lagens ikraftträdande, "
        "avtalets början), för dokument vars avtalstid börjar den dagen eller senare. Ett "
        "dokument som börjar tidigare kontrolleras inte mot kraven; meddelandet säger vilka.",
    ),
    RuleInfo(
        "SV177",
        "Undantaget gäller inget fynd",
        Severity.INFO,
        "Ett undantag med 'plats' eller 'fil' gäller bara fynd på den platsen. Hittar regeln "
        "inget där har fyndet flyttats eller rättats: ta bort undantaget eller rätta platsen. "
        "Ett undantag utan plats rapporteras inte, eftersom många regler bara hittar något "
        "vissa dagar (en tidsfrist).",
    ),
    RuleInfo(
        "SV180",
        "Huvudavtalet finns inte eller är av fel slag",
        Severity.ERROR,
        "Ett underavtal, en lokal överenskommelse under en central, eller en operativ "
        "överenskommelse eller handlingsplan under en strategisk överenskommelse anger i "
        "'huvudavtal' mappen för dokumentet det ligger under. Mappen ska finnas bland "
        "repositoriets överenskommelser, och dokumentet där ska vara av den typ som hör till: "
        "huvudavtal, central överenskommelse eller strategisk överenskommelse.",
    ),
    RuleInfo(
        "SV181",
        "Underavtalet gäller längre än huvudavtalet",
        Severity.WARNING,
        "Ett dokument som ligger under ett annat gäller bara så länge det: dess avtalstid ska "
        "börja och sluta inom huvudavtalets. Ett underavtal som gäller tills vidare under ett "
        "huvudavtal med slutdatum gäller längre än det.",
    ),
    RuleInfo(
        "SV182",
        "Regelprofilen valdes utifrån dokumentet",
        Severity.INFO,
        "Anger varken dokumentet ('profil') eller samverkan.yaml ('standardprofil') någon "
        "regelprofil, väljs profilerna utifrån dokumenttypen, parternas typer och dagen då "
        "avtalstiden börjar, enligt en tabell med källor: en kommun och Polisen från "
        "2023-07-01 får lag-2023-196 och bra-samverkan, ett medborgarlöfte bra-samverkan. "
        "Meddelandet säger vilka profiler som valdes och varför; skriv 'profil' i dokumentet "
        "för att välja själv.",
    ),
    RuleInfo(
        "SV162",
        "PDF-versionen är inte längre PDF/A",
        Severity.INFO,
        "build --pdf lägger PDF-bilagor sist i överenskommelsens PDF. Att deras sidor "
        "uppfyller PDF/A kan inte kontrolleras, så PDF-filen märks då inte som PDF/A. "
        "Konvertera bilagorna till PDF/A-2b om hela filen ska arkiveras som PDF/A.",
    ),
    RuleInfo(
        "SV166",
        "Den publika versionen ser ut att innehålla personuppgifter",
        Severity.WARNING,
        "Efter att build --publik har tagit bort personnummer, telefonnummer, personliga "
        "e-postadresser och namn söks den publika versionen igen med vidare mönster: ett "
        "namn som data inte känner till, ett nummer i ovanlig form, en adress som ser "
        "personlig ut, en bilaga i en fil som inte kan rensas. Varje fynd visas där det står "
        "i den publika Markdown-filen; med build --strikt skrivs då ingenting. Ta bort "
        "uppgiften ur källan, eller ange i samverkan.yaml under publicering vad som ska bort "
        "(ta_bort_namn) eller stå kvar (behåll_namn, behåll_nummer, behåll_adresser).",
    ),
    RuleInfo(
        "SV000",
        "Internt fel",
        Severity.ERROR,
        "Ett fel i samverkan självt stoppade kontrollen av en överenskommelse; de andra "
        "kontrolleras ändå. Kör igen med --debug och rapportera felet.",
    ),
]


def all_rules() -> list[RuleInfo]:
    """Every rule, sorted by id."""
    from samverkan_cli.rules import RULES

    checks = [RuleInfo(r.id, r.title, r.severity, r.explanation) for r in RULES.values()]
    return sorted(_READING + checks, key=lambda r: r.id)


def rule_info(rule_id: str) -> RuleInfo | None:
    return next((r for r in all_rules() if r.id == rule_id), None)

"""The word lists of the public version (`build --publik`), kept apart from the code that
uses them so that they can be read, and extended, as lists.

- `COMMON_WORDS`: name parts that are also ordinary Swedish words ("Berg", "Lund", "Per").
  Alone, such a part is removed only where it cannot be the ordinary word: capitalised and
  not at the start of a sentence (see `publish.person_names`).
- `FUNCTIONAL_MAILBOXES`: the local parts of functional addresses (`registrator@…`), kept.
- `PRIVATE_MAIL_DOMAINS`: domains whose addresses are always someone's own.
- `FIRST_NAMES`: common first names in Sweden, so that the scan after redaction can tell a
  name it does not know ("Lena Holmqvist") from an organisation's ("Polisen Rinkeby").
- `INSTITUTION_WORDS`: capitalised words of organisations and places, never part of a name.
- `ROLE_WORDS`, `SURNAME_ENDINGS`: what marks a name whose first name is not in `FIRST_NAMES`
  ("rektor Emir Hodžić", "Dragana Petrović").
"""

from __future__ import annotations


def _words(*lines: str) -> frozenset[str]:
    """The words of `lines`: long lists written as text, a line at a time."""
    return frozenset(" ".join(lines).split())


COMMON_WORDS = _words(
    # Surnames that are nature words, places or adjectives.
    "berg lund strand sten holm björk ek dahl dal falk lind ström vik hed sjö gran ros lilja",
    "blom sund fors hägg asp ask lönn alm rask kvist nord söder öst väst hall hög frid glad",
    "vinter sommar höst stark björn örn fisk hjort lax svan kung lejon kron ling mo ås åker",
    "ängel sand skog ljung myr mård räv varg lo hök uggla hav å ö ny gren löv näs hamn bro",
    "kvarn ring stål järn silver guld brun vit svart grå röd grön blå lång kort stor lilla",
    "liten frisk snäll klok modig rik fattig säll",
    # First names that are words.
    "per hans bo dag liv sol saga stig rut maj juni mod vilja klara rita vide viking tom ed",
    "iris linnea ida ebba",
)

FUNCTIONAL_MAILBOXES = (
    "registrator",
    "registratur",
    "registrering",
    "diarium",
    "diariet",
    "arkiv",
    "kommun",
    "kommunstyrelsen",
    "kommunkansli",
    "kansli",
    "info",
    "information",
    "kontakt",
    "kontaktcenter",
    "kundtjanst",
    "kundservice",
    "medborgarservice",
    "servicecenter",
    "polisen",
    "polis",
    "stadsdel",
    "sdf",
    "sdn",
    "forvaltning",
    "namnd",
    "brottsforebyggande",
    "bra",
    "samverkan",
    "trygghet",
    "sakerhet",
    "post",
    "postmottagning",
    "vaxel",
    "press",
    "media",
    "kommunikation",
    "webb",
    "nyheter",
    "felanmalan",
    "socialtjanst",
    "socialjour",
    "support",
    "noreply",
    "no-reply",
    "ekonomi",
    "hr",
)
"""Local parts (folded: å, ä, ö as a, a, o) that mark an address as a function's. One
segment of the local part ("registrator.rinkeby", "info-syd") starting with one of these is
enough; words of four letters or more also match as a beginning ("stadsdelsforvaltningen")."""

PRIVATE_MAIL_DOMAINS = frozenset(
    {
        "gmail.com",
        "googlemail.com",
        "hotmail.com",
        "hotmail.se",
        "outlook.com",
        "outlook.se",
        "live.se",
        "live.com",
        "msn.com",
        "yahoo.com",
        "yahoo.se",
        "icloud.com",
        "me.com",
        "telia.com",
        "bredband.net",
        "spray.se",
        "proton.me",
        "protonmail.com",
    }
)

FIRST_NAMES = _words(
    # Women: the most common first names in Sweden (SCB), and common in Järva.
    "Anna Eva Maria Karin Sara Kristina Lena Emma Kerstin Ingrid Marie Malin Sofia Jenny",
    "Birgitta Hanna Linda Inger Annika Elin Susanne Monica Ulla Johanna Carina Elisabeth",
    "Camilla Julia Helena Åsa Ida Louise Therese Cecilia Anneli Lisa Anette Katarina",
    "Gunilla Margareta Marianne Ulrika Agneta Jessica Frida Elsa Ebba Alice Maja Wilma",
    "Astrid Alva Ella Olivia Stina Sofie Josefin Amanda Matilda Emelie Caroline Lina",
    "Mona Eva-Lena Anna-Karin Ann-Christin Ann-Marie Britt Gun Siv Yvonne Pia Petra Helén",
    "Charlotte Madeleine Lovisa Moa Nora Ellen Klara Tove Tilda Ylva Åse Viktoria Fatima",
    "Amina Hodan Fadumo Khadija Aisha Maryam Leila Zeynep Hawa Sahra Nasra Layla Rahma",
    "Yasmin Mariam Asha Hibo Ayan Nimo Samira Nadia Elif Ayse Dalia Rana Noor",
    # Men.
    "Lars Mikael Anders Johan Erik Per Karl Peter Thomas Jan Daniel Fredrik Hans Bengt",
    "Stefan Mats Magnus Andreas Jonas Niklas Niclas Marcus Markus Martin Mattias Björn",
    "Henrik Patrik Ulf Göran Christer Leif Olof Gunnar Sven Tommy Kjell Lennart Roger",
    "Bo Åke Nils Oskar Oscar Emil Gustav Axel Alexander Viktor Victor William Hugo Lucas",
    "Elias Filip Isak Adam Simon Jakob Jacob Anton Albin Ludvig Sebastian Robert Joakim",
    "Tobias Jonathan Rasmus Linus Kristian Christian Håkan Torbjörn Claes Stig Rolf",
    "Sten Ingvar Arne Tomas Dan Dennis Kent Jimmy Johnny Robin Kevin Mohamed",
    "Mohammed Mohammad Muhammad Ahmed Ahmad Ali Hassan Hussein Omar Abdi Abdullahi",
    "Abdirahman Abdulkadir Yusuf Ibrahim Ismail Mustafa Mahmoud Khalid Said Osman Hamza",
    "Mehmet Murat Emre Amir Reza Hamid Karim Samir Tariq Youssef Yousef Faisal Bilal",
    # More names common in Sweden: older Swedish spellings, the Nordic countries, the
    # Balkans, Latin America, the Middle East and the Horn of Africa.
    "Carl Gustaf Gösta Bertil Ingemar Lennart Rune Tore Kurt Jörgen Jörn Jens Janne",
    "Gunnel Margit Barbro Ingegerd Marianne Lillemor Ingela Annelie Maj-Britt Kristin",
    "Linnéa Linnea Ellinor Evelina Felicia Jonna Hedvig Signe Ines Hilma Selma Ester",
    "Camila Camilla Daniela Gabriela Valentina Sofía Lucía Carolina Natalia Paula",
    "Carlos Juan José Luis Diego Pablo Andrés Mateo Alejandro Rodrigo Pedro Miguel",
    "Dragana Jelena Milica Ivana Snežana Vesna Mirjana Ana Maja Sanja Amra Lejla Selma",
    "Zoran Dragan Goran Milan Nikola Marko Stefan Emir Edin Adnan Mirza Damir Nermin",
    "Zlatan Senad Haris Dino Amel Kenan Denis Armin Alen Tarik Jasmin Elvis Ivan",
    "Mahmud Yasin Abdi Abdirizak Abdiaziz Abdullah Abdulla Idris Jamal Nasir Rashid",
    "Farah Hodan Ifrah Sagal Sumaya Ubah Warsan Deqa Fartun Halima Zahra Roya Shirin",
    "Parisa Leyla Golnar Dariush Kourosh Babak Behnam Arash Navid Payam Saman Shahin",
)

ROLE_WORDS = _words(
    "rektor kommunpolis polis polisinspektör kommissarie fältassistent fältsekreterare",
    "fältarbetare socialsekreterare kurator lärare chef direktör handläggare samordnare",
    "sekreterare ordförande analytiker utredare strateg föreståndare ledamot kommunalråd",
    "borgarråd assistent kontaktperson projektledare ledare konsult tjänsteman",
    "medarbetare representant ombud talesperson skolsköterska ungdomsledare väktare",
    "kommunikatör controller inspektör kommundirektör stadsdelsdirektör",
)
"""Titles and roles ("rektor", "fältassistenten", "enhetschef"): two capitalised words
right after one are a person's name even when the first name is not in `FIRST_NAMES`."""

SURNAME_ENDINGS = (
    "sson",
    "ström",
    "qvist",
    "kvist",
    "gren",
    "ić",
    "ič",
    "wski",
    "wska",
    "ski",
    "sky",
    "yan",
    "oğlu",
    "zadeh",
    "poulos",
    "escu",
)
"""Endings that mark a capitalised word as a surname ("Andersson", "Petrović", "Hakobyan")."""

INSTITUTION_WORDS = _words(
    "Polisen Polismyndigheten Polisregion Lokalpolisområde Lokalpolisområdet Polisområde",
    "Kommun Kommunen Kommunstyrelsen Kommunfullmäktige Stadsdelsförvaltning",
    "Stadsdelsförvaltningen Stadsdelsnämnd Stadsdelsnämnden Förvaltning Förvaltningen",
    "Nämnd Nämnden Region Regionen Länsstyrelsen Räddningstjänst Räddningstjänsten",
    "Styrgrupp Styrgruppen Beredningsgrupp Beredningsgruppen Arbetsgrupp Arbetsgruppen",
    "Samverkansgrupp Samverkansgruppen BRÅ Brå Stad Staden Stockholms Stockholm Sverige",
    "Sveriges Bilaga Avsnitt Överenskommelsen Överenskommelse Samverkansöverenskommelse",
    "Medborgarlöfte Medborgarlöften Lägesbild Åtgärdsplan Handlingsplan Uppföljning",
    "Socialtjänsten Socialtjänst Skolan Fritid Fältgruppen Bostadsbolag Fastighetsägare",
    "Trafikverket Kriminalvården Tullverket Kustbevakningen Skatteverket Försäkringskassan",
    "Arbetsförmedlingen Migrationsverket SKR Dnr Diarienummer Tel Telefon Mobil Växel",
    "E-post Epost Januari Februari Mars April Maj Juni Juli Augusti September Oktober",
    "November December Måndag Tisdag Onsdag Torsdag Fredag Lördag Söndag Kontakt",
    "Kontaktuppgifter Samordnare Ordförande Ort Datum Namn Titel Part Parterna",
)
"""Capitalised words that are never a person's name (organisations, places, headings)."""

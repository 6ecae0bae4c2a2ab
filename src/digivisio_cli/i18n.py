"""Labels and messages in Finnish, Swedish and English, and how the language is chosen.

Pure data and small functions: no third-party imports, so every layer may use it. It imports
only the leaves :mod:`digivisio_cli.text` and :mod:`digivisio_cli.settings`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from digivisio_cli.i18n_tracking import TRACKING_LABELS, TRACKING_MESSAGES
from digivisio_cli.settings import DEFAULT_LANG, ENV_LANG, LANGS, Lang
from digivisio_cli.text import printable

# Column headings and other labels. Keys are the stable field names of the json/csv output.
LABELS: dict[str, dict[str, str]] = {
    "id": {"fi": "Tunnus", "sv": "Id", "en": "ID"},
    "goal": {"fi": "Tavoite", "sv": "Mål", "en": "Goal"},
    "goal_title": {"fi": "Tavoitteen otsikko", "sv": "Målets rubrik", "en": "Goal title"},
    "theme": {"fi": "Teema", "sv": "Tema", "en": "Theme"},
    "title": {"fi": "Otsikko", "sv": "Rubrik", "en": "Title"},
    "description": {"fi": "Kuvaus", "sv": "Beskrivning", "en": "Description"},
    "responsible": {"fi": "Vastuussa", "sv": "Ansvarig", "en": "Responsible"},
    "partners": {"fi": "Yhteistyössä", "sv": "Samarbetspartner", "en": "Partners"},
    "mentioned": {"fi": "Mainitaan", "sv": "Nämns", "en": "Mentioned"},
    "other_parties": {"fi": "Muut tahot", "sv": "Övriga parter", "en": "Other parties"},
    "pending": {"fi": "Täsmentyy", "sv": "Preciseras", "en": "Pending"},
    "text": {"fi": "Toimenpide", "sv": "Åtgärd", "en": "Measure"},
    "original": {
        "fi": "Alkuperäinen teksti",
        "sv": "Originaltext (finska)",
        "en": "Original text (Finnish)",
    },
    "translation": {"fi": "Käännös", "sv": "Översättning", "en": "Translation"},
    "unofficial": {
        "fi": "epävirallinen käännös",
        "sv": "inofficiell översättning",
        "en": "unofficial translation",
    },
    "note": {"fi": "Tulkinta", "sv": "Tolkning", "en": "Transcription note"},
    "measures": {"fi": "Toimenpiteet", "sv": "Åtgärder", "en": "Measures"},
    "measure_count": {"fi": "Toimenpiteitä", "sv": "Åtgärder", "en": "Measures"},
    "agency": {"fi": "Toimija", "sv": "Aktör", "en": "Agency"},
    "code": {"fi": "Lyhenne", "sv": "Kod", "en": "Code"},
    "name": {"fi": "Nimi", "sv": "Namn", "en": "Name"},
    "name_fi": {"fi": "Nimi suomeksi", "sv": "Namn på finska", "en": "Name in Finnish"},
    "name_sv": {"fi": "Nimi ruotsiksi", "sv": "Namn på svenska", "en": "Name in Swedish"},
    "name_en": {"fi": "Nimi englanniksi", "sv": "Namn på engelska", "en": "Name in English"},
    "abbreviations": {
        "fi": "Muut lyhenteet",
        "sv": "Andra förkortningar",
        "en": "Other abbreviations",
    },
    "no_agency": {"fi": "Ei toimijaa", "sv": "Ingen aktör", "en": "No agency"},
    "yes": {"fi": "kyllä", "sv": "ja", "en": "yes"},
    "no": {"fi": "ei", "sv": "nej", "en": "no"},
    "vision": {"fi": "Visio", "sv": "Vision", "en": "Vision"},
    "matrix": {"fi": "Vastuumatriisi", "sv": "Ansvarsmatris", "en": "Responsibility matrix"},
    "source": {"fi": "Lähde", "sv": "Källa", "en": "Source"},
    "publisher": {"fi": "Julkaisija", "sv": "Utgivare", "en": "Publisher"},
    "published": {"fi": "Julkaistu", "sv": "Publicerad", "en": "Published"},
    "exported": {"fi": "Viety", "sv": "Exporterad", "en": "Exported"},
    "agency_note": {"fi": "Huomautus", "sv": "Anmärkning", "en": "Note"},
    "kind": {"fi": "Taso", "sv": "Nivå", "en": "Level"},
    "kind_theme": {"fi": "teema", "sv": "tema", "en": "theme"},
    "kind_goal": {"fi": "tavoite", "sv": "mål", "en": "goal"},
    "kind_measure": {"fi": "toimenpide", "sv": "åtgärd", "en": "measure"},
    "kind_section": {"fi": "luku", "sv": "avsnitt", "en": "section"},
    "role_responsible": {"fi": "vastuussa", "sv": "ansvarig", "en": "responsible"},
    "role_partner": {"fi": "yhteistyössä", "sv": "partner", "en": "partner"},
    "kind_agency": {"fi": "toimija", "sv": "aktör", "en": "agency"},
    "change": {"fi": "Muutos", "sv": "Ändring", "en": "Change"},
    "change_added": {"fi": "lisätty", "sv": "tillagd", "en": "added"},
    "change_removed": {"fi": "poistettu", "sv": "borttagen", "en": "removed"},
    "change_changed": {"fi": "muutettu", "sv": "ändrad", "en": "changed"},
    "field": {"fi": "Kenttä", "sv": "Fält", "en": "Field"},
    "value": {"fi": "Arvo", "sv": "Värde", "en": "Value"},
    "translation_lang": {
        "fi": "Käännöksen kieli",
        "sv": "Översättningens språk",
        "en": "Translation language",
    },
    "difference": {"fi": "Ero", "sv": "Skillnad", "en": "Difference"},
    "old": {"fi": "Vanha", "sv": "Gammal", "en": "Old"},
    "new": {"fi": "Uusi", "sv": "Ny", "en": "New"},
    "gained": {"fi": "Saatu", "sv": "Tillkommit", "en": "Gained"},
    "lost": {"fi": "Menetetty", "sv": "Förlorat", "en": "Lost"},
    "measure_text": {"fi": "Teksti", "sv": "Text", "en": "Text"},
    # The status log (docs/status.md records why these words; sv and en are unofficial).
    "state_not-started": {"fi": "ei aloitettu", "sv": "ej påbörjad", "en": "not started"},
    "state_in-progress": {"fi": "käynnissä", "sv": "pågår", "en": "in progress"},
    "state_done": {"fi": "valmis", "sv": "klar", "en": "done"},
    "state_on-hold": {"fi": "tauolla", "sv": "vilande", "en": "on hold"},
    "state_dropped": {"fi": "luovuttu", "sv": "slopad", "en": "dropped"},
    "health_on-track": {"fi": "etenee suunnitellusti", "sv": "enligt plan", "en": "on track"},
    "health_at-risk": {"fi": "riskissä", "sv": "i riskzonen", "en": "at risk"},
    "health_off-track": {
        "fi": "ei etene suunnitellusti",
        "sv": "avviker från planen",
        "en": "off track",
    },
    "state": {"fi": "Tila", "sv": "Status", "en": "State"},
    "health": {"fi": "Eteneminen", "sv": "Läge", "en": "Health"},
    "due": {"fi": "Tavoitepäivä", "sv": "Måldatum", "en": "Due"},
    "owner": {"fi": "Vastuuyksikkö", "sv": "Ansvarig enhet", "en": "Owner unit"},
    "link": {"fi": "Linkki", "sv": "Länk", "en": "Link"},
    "status_note": {"fi": "Viimeisin huomio", "sv": "Senaste anteckning", "en": "Last note"},
    "status_date": {"fi": "Raportoitu", "sv": "Rapporterad", "en": "Reported"},
    "entry_note": {"fi": "Huomio", "sv": "Anteckning", "en": "Note"},
    "by": {"fi": "Raportoija", "sv": "Rapportör", "en": "Reported by"},
    "date": {"fi": "Päivä", "sv": "Datum", "en": "Date"},
    "before": {"fi": "Ennen", "sv": "Före", "en": "Before"},
    "cleared": {"fi": "Tyhjennetty", "sv": "Tömt", "en": "Cleared"},
    "now": {"fi": "Nyt", "sv": "Nu", "en": "Now"},
    "no_report": {"fi": "Ei raporttia", "sv": "Ej rapporterad", "en": "No report"},
    "stale": {"fi": "Vanhentunut", "sv": "Inaktuell", "en": "Stale"},
    "share_done": {"fi": "Valmiina", "sv": "Andel klara", "en": "Done"},
    "progress": {"fi": "Edistyminen", "sv": "Framsteg", "en": "Progress"},
    # The overview table's headers: short, so that a row of counts fits a terminal.
    "ov_measures": {"fi": "Yht.", "sv": "Alla", "en": "All"},
    "ov_stale": {"fi": "Vanha", "sv": "Inaktuell", "en": "Stale"},
    "ov_at-risk": {"fi": "riskissä", "sv": "risk", "en": "at risk"},
    "ov_off-track": {"fi": "ei etene", "sv": "avviker", "en": "off track"},
    "total": {"fi": "Yhteensä", "sv": "Totalt", "en": "Total"},
    "status_overview": {"fi": "Tilannekatsaus", "sv": "Lägesöversikt", "en": "Status overview"},
    "status_log": {"fi": "Tilaloki", "sv": "Statuslogg", "en": "Status log"},
    "status_since": {
        "fi": "Muutokset {date} alkaen",
        "sv": "Ändringar sedan {date}",
        "en": "Changes since {date}",
    },
    # Succession and --as-of (issue 14, item 5).
    "successor": {"fi": "Seuraaja", "sv": "Efterträdare", "en": "Successor"},
    "as_of": {"fi": "Tilanne", "sv": "Läge per", "en": "As of"},
    "in_document": {"fi": "asiakirjassa", "sv": "i dokumentet", "en": "in the document"},
}

MESSAGES: dict[str, dict[str, str]] = {
    "data_invalid": {
        "en": "{path}: {count} problem(s); nothing was loaded.",
        "fi": "{path}: {count} virhe(ttä); tietoja ei ladattu.",
        "sv": "{path}: {count} fel; inga uppgifter lästes in.",
    },
    "more_problems": {
        "en": "… and {count} more problem(s)",
        "fi": "… ja {count} muuta virhettä",
        "sv": "… och {count} fel till",
    },
    "valid": {
        "en": "{path}: valid: {themes} themes, {goals} goals, {measures} measures, "
        "{agencies} agencies, {pending} pending.",
        "fi": "{path}: kunnossa: {themes} teemaa, {goals} tavoitetta, {measures} toimenpidettä, "
        "{agencies} toimijaa, {pending} täsmentyvää.",
        "sv": "{path}: giltig: {themes} teman, {goals} mål, {measures} åtgärder, "
        "{agencies} aktörer, {pending} som preciseras.",
    },
    "unknown_id": {
        "en": "No theme, goal or measure has the id '{value}'.",
        "fi": "Tunnuksella '{value}' ei ole teemaa, tavoitetta eikä toimenpidettä.",
        "sv": "Det finns inget tema, mål eller åtgärd med id '{value}'.",
    },
    "unknown_agency": {
        "en": "No agency is called '{value}'.",
        "fi": "Toimijaa '{value}' ei tunneta.",
        "sv": "Ingen aktör heter '{value}'.",
    },
    "did_you_mean": {
        "en": "Did you mean: {options}?",
        "fi": "Tarkoititko: {options}?",
        "sv": "Menade du: {options}?",
    },
    "valid_choices": {
        "en": "Valid: {options}",
        "fi": "Mahdolliset: {options}",
        "sv": "Giltiga: {options}",
    },
    "no_match": {
        "en": "No measure matches these filters.",
        "fi": "Yksikään toimenpide ei vastaa hakuehtoja.",
        "sv": "Ingen åtgärd motsvarar filtren.",
    },
    "file_exists": {
        "en": "{path} exists; not overwritten (use --force to replace it).",
        "fi": "{path} on jo olemassa; sitä ei korvattu (korvaa valitsimella --force).",
        "sv": "{path} finns redan; den skrevs inte över (ersätt med --force).",
    },
    "write_failed": {
        "en": "Could not write {path}: {reason}. Nothing was written.",
        "fi": "Tiedostoa {path} ei voitu kirjoittaa: {reason}. Mitään ei kirjoitettu.",
        "sv": "Det gick inte att skriva {path}: {reason}. Inget skrevs.",
    },
    "output_failed": {
        "en": "Could not write the output: {reason}.",
        "fi": "Tulostetta ei voitu kirjoittaa: {reason}.",
        "sv": "Det gick inte att skriva utdata: {reason}.",
    },
    "binary_to_terminal": {
        "en": "The {format} format is binary; write it to a file with -o FILE.",
        "fi": "Muoto {format} on binäärinen; kirjoita se tiedostoon valitsimella -o TIEDOSTO.",
        "sv": "Formatet {format} är binärt; skriv det till en fil med -o FIL.",
    },
    "wrote": {
        "en": "Wrote {path}.",
        "fi": "Kirjoitettiin {path}.",
        "sv": "Skrev {path}.",
    },
    "summary_agency": {
        "en": "{name}: {responsible} responsible, {partner} as partner",
        "fi": "{name}: vastuussa {responsible}, yhteistyössä {partner}",
        "sv": "{name}: ansvarig för {responsible}, partner i {partner}",
    },
    "summary_none": {
        "en": "no agency named: {count}",
        "fi": "ei nimettyä toimijaa: {count}",
        "sv": "ingen namngiven aktör: {count}",
    },
    "summary_total": {
        "en": "{count} measure(s)",
        "fi": "{count} toimenpide(ttä)",
        "sv": "{count} åtgärd(er)",
    },
    "pending_marker_note": {
        "en": "* {note}",
        "fi": "* {note}",
        "sv": "* {note}",
    },
    "diff_title": {
        "en": "Differences: {old} → {new}",
        "fi": "Erot: {old} → {new}",
        "sv": "Skillnader: {old} → {new}",
    },
    "diff_same": {
        "en": "No differences.",
        "fi": "Ei eroja.",
        "sv": "Inga skillnader.",
    },
    "diff_different": {
        "en": "{id} now holds a clearly different measure (text similarity {percent}%); "
        "the list may have been renumbered.",
        "fi": "{id} on nyt selvästi eri toimenpide (tekstien samankaltaisuus {percent} %); "
        "luettelo on ehkä numeroitu uudelleen.",
        "sv": "{id} är nu en klart annan åtgärd (textlikhet {percent} %); "
        "listan kan ha numrerats om.",
    },
    "diff_resembles_old": {
        "en": "{id}: the text resembles that of {other} in the old version.",
        "fi": "{id}: teksti muistuttaa vanhan version toimenpidettä {other}.",
        "sv": "{id}: texten liknar åtgärd {other} i den gamla versionen.",
    },
    "diff_resembles_new": {
        "en": "{id} (removed): the text resembles that of {other} in the new version.",
        "fi": "{id} (poistettu): teksti muistuttaa uuden version toimenpidettä {other}.",
        "sv": "{id} (borttagen): texten liknar åtgärd {other} i den nya versionen.",
    },
    "diff_load": {
        "en": "Net change in load: {items}",
        "fi": "Toimijoiden kuormituksen muutos: {items}",
        "sv": "Nettoförändring i aktörernas belastning: {items}",
    },
    "diff_load_agency": {
        "en": "{code} responsible {old_r} → {new_r} ({delta_r}), partner {old_p} → {new_p} "
        "({delta_p})",
        "fi": "{code} vastuussa {old_r} → {new_r} ({delta_r}), yhteistyössä {old_p} → {new_p} "
        "({delta_p})",
        "sv": "{code} ansvarig {old_r} → {new_r} ({delta_r}), partner {old_p} → {new_p} "
        "({delta_p})",
    },
    "diff_stdin_twice": {
        "en": "Only one of OLD and NEW can be read from standard input ('-').",
        "fi": "Vain toinen tiedostoista (OLD tai NEW) voidaan lukea vakiosyötteestä ('-').",
        "sv": "Endast en av OLD och NEW kan läsas från standard input ('-').",
    },
    "status_created": {
        "en": "Created the status log {path}.",
        "fi": "Luotiin tilaloki {path}.",
        "sv": "Skapade statusloggen {path}.",
    },
    "status_added": {
        "en": "{path}: added an entry for {id} dated {date}.",
        "fi": "{path}: lisättiin toimenpiteelle {id} merkintä päivälle {date}.",
        "sv": "{path}: lade till en post för {id} daterad {date}.",
    },
    "status_hidden_character": {
        "en": "--{field}: the text holds the invisible control character {char}; leave it out.",
        "fi": "--{field}: tekstissä on näkymätön ohjausmerkki {char}; jätä se pois.",
        "sv": "--{field}: texten innehåller det osynliga styrtecknet {char}; ta bort det.",
    },
    "status_nothing_to_set": {
        "en": "Nothing to record: give a state, or one of --health, --due, --owner, --link, "
        "--note, --clear.",
        "fi": "Ei mitään kirjattavaa: anna tila tai jokin valitsimista --health, --due, --owner, "
        "--link, --note, --clear.",
        "sv": "Inget att registrera: ange en status eller något av --health, --due, --owner, "
        "--link, --note, --clear.",
    },
    "status_unknown_state": {
        "en": "Unknown state '{value}'.",
        "fi": "Tuntematon tila '{value}'.",
        "sv": "Okänd status '{value}'.",
    },
    "status_unknown_health": {
        "en": "Unknown health '{value}'.",
        "fi": "Tuntematon etenemisen arvio '{value}'.",
        "sv": "Okänt läge '{value}'.",
    },
    "status_unknown_field": {
        "en": "--clear: '{value}' is not a field that can be cleared.",
        "fi": "--clear: kenttää '{value}' ei voi tyhjentää.",
        "sv": "--clear: fältet '{value}' kan inte tömmas.",
    },
    "status_set_and_clear": {
        "en": "{field} is both set and cleared; choose one.",
        "fi": "Kenttä {field} sekä asetetaan että tyhjennetään; valitse toinen.",
        "sv": "Fältet {field} både sätts och töms; välj det ena.",
    },
    "status_bad_date": {
        "en": "{option}: '{value}' is not a date; write it as YYYY-MM-DD, e.g. {example}.",
        "fi": "{option}: '{value}' ei ole päivämäärä; kirjoita muodossa VVVV-KK-PP, esim. "
        "{example}.",
        "sv": "{option}: '{value}' är inget datum; skriv det som ÅÅÅÅ-MM-DD, t.ex. {example}.",
    },
    "status_future_date": {
        "en": "--date: a report cannot be dated {value}, after today ({today}).",
        "fi": "--date: raporttia ei voi päivätä {value}, tämän päivän ({today}) jälkeen.",
        "sv": "--date: en rapport kan inte dateras {value}, efter i dag ({today}).",
    },
    "status_not_a_measure": {
        "en": "'{value}' is a {kind}; an entry reports on one measure.",
        "fi": "'{value}' on {kind}; merkintä koskee yhtä toimenpidettä.",
        "sv": "'{value}' är ett {kind}; en post gäller en åtgärd.",
    },
    "status_needed": {
        "en": "{option} needs a status log: give --status PATH or set DIGIVISIO_STATUS.",
        "fi": "{option} tarvitsee tilalokin: anna --status POLKU tai aseta DIGIVISIO_STATUS.",
        "sv": "{option} kräver en statuslogg: ange --status SÖKVÄG eller sätt DIGIVISIO_STATUS.",
    },
    "status_not_appendable": {
        "en": "{path}: cannot add to this log without rewriting it ({reason}); nothing was "
        "written.",
        "fi": "{path}: lokiin ei voi lisätä kirjoittamatta sitä uudelleen ({reason}); mitään ei "
        "kirjoitettu.",
        "sv": "{path}: loggen kan inte utökas utan att skrivas om ({reason}); inget skrevs.",
    },
    "status_unchanged": {
        "en": "{path} was left as it was.",
        "fi": "Tiedostoon {path} ei koskettu.",
        "sv": "{path} lämnades orörd.",
    },
    "status_no_entries": {
        "en": "No entries.",
        "fi": "Ei merkintöjä.",
        "sv": "Inga poster.",
    },
    "interrupted": {
        "en": "Interrupted.",
        "fi": "Keskeytetty.",
        "sv": "Avbrutet.",
    },
    # Succession and --as-of (issue 14, item 5).
    "bad_as_of": {
        "en": "--as-of: '{value}' is not a date; give YYYY-MM-DD (such as 2026-06-01) or 'today'.",
        "fi": "--as-of: '{value}' ei ole päivämäärä; anna muodossa VVVV-KK-PP "
        "(esimerkiksi 2026-06-01) tai 'today'.",
        "sv": "--as-of: '{value}' är inget datum; ange ÅÅÅÅ-MM-DD (till exempel 2026-06-01) "
        "eller 'today'.",
    },
    "successor_since": {
        "en": "{successor} from {since}",
        "fi": "{successor} {since} alkaen",
        "sv": "{successor} från {since}",
    },
    "successor_mark": {
        "en": "{code}: successor {successor} from {since}",
        "fi": "{code}: seuraaja {successor} {since} alkaen",
        "sv": "{code}: efterträdare {successor} från {since}",
    },
    "as_of_applied": {
        "en": "As of {date}: {items}.",
        "fi": "Tilanne {date}: {items}.",
        "sv": "Per {date}: {items}.",
    },
    "as_of_item": {
        "en": "{code} → {successor} (from {since})",
        "fi": "{code} → {successor} ({since} alkaen)",
        "sv": "{code} → {successor} (från {since})",
    },
    "as_of_unchanged": {
        "en": "As of {date}: no agency has been succeeded; the answer is as published.",
        "fi": "Tilanne {date}: yhdelläkään toimijalla ei ole seuraajaa; vastaus on sama kuin "
        "julkaistussa asiakirjassa.",
        "sv": "Per {date}: ingen aktör har efterträtts; svaret är detsamma som i det publicerade "
        "dokumentet.",
    },
    "as_of_title": {
        "en": "{title} (as of {date})",
        "fi": "{title} (tilanne {date})",
        "sv": "{title} (per {date})",
    },
}


# The planning meeting's workbook and ``status import`` keep their words in a module of their own.
LABELS.update(TRACKING_LABELS)
MESSAGES.update(TRACKING_MESSAGES)


def label(key: str, lang: str) -> str:
    """The label ``key`` in ``lang`` (English when a language lacks it)."""
    entry = LABELS[key]
    return entry.get(lang) or entry[DEFAULT_LANG]


#: Parameters that repeat what a user typed or the system said (a path, an id, an OS error): shown
#: with control and right-to-left characters escaped, so that they cannot garble the terminal.
ECHOED_PARAMS = frozenset({"path", "value", "reason"})


def message(key: str, lang: str, **params: object) -> str:
    """The message ``key`` in ``lang``, formatted with ``params``."""
    entry = MESSAGES.get(key)
    if entry is None:
        return key
    if ECHOED_PARAMS.intersection(params):
        params = {
            k: printable(str(v)) if k in ECHOED_PARAMS and v is not None else v
            for k, v in params.items()
        }
    return (entry.get(lang) or entry[DEFAULT_LANG]).format(**params)


def as_lang(value: str) -> Lang | None:
    """``value`` as one of the languages, or None."""
    for lang in LANGS:
        if value == lang:
            return lang
    return None


def detect_lang(environ: Mapping[str, str] | None = None) -> Lang:
    """The language from ``$DIGIVISIO_LANG``, else the locale, else English."""
    env = os.environ if environ is None else environ
    explicit = as_lang(env.get(ENV_LANG, "").strip().lower())
    if explicit:
        return explicit
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var, "")
        if value:
            return as_lang(value.split("_", 1)[0].split(".", 1)[0].lower()) or DEFAULT_LANG
    return DEFAULT_LANG

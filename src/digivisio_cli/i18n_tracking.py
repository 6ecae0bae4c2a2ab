"""Words of the planning meeting's workbook and of ``status import``, in fi, sv and en.

Pure data, merged into :mod:`digivisio_cli.i18n`'s tables (which are the only way to use them);
kept apart so that neither module outgrows the size limit. The Swedish and English wordings, like
every translation in digivisio, are unofficial. State and health labels are the status log's
(``state_<code>``, ``health_<code>`` in i18n.py).
"""

from __future__ import annotations

#: Column headers and other labels of the tracking sheet and the progress views.
TRACKING_LABELS: dict[str, dict[str, str]] = {
    "tracking": {"fi": "Seuranta", "sv": "Uppföljning", "en": "Tracking"},
    "col_state": {"fi": "Tila", "sv": "Status", "en": "State"},
    "col_health": {"fi": "Eteneminen", "sv": "Läge", "en": "Health"},
    "col_due": {"fi": "Tavoitepäivä", "sv": "Måldatum", "en": "Due"},
    "col_owner": {"fi": "Vastuuyksikkö", "sv": "Ansvarig enhet", "en": "Owner"},
    "col_link": {"fi": "Linkki", "sv": "Länk", "en": "Link"},
    "col_new_note": {"fi": "Uusi huomio", "sv": "Ny anteckning", "en": "New note"},
    "col_last_note": {"fi": "Viimeisin huomio", "sv": "Senaste anteckning", "en": "Last note"},
    "col_last_report": {"fi": "Viimeisin raportti", "sv": "Senaste rapport", "en": "Last report"},
    "measure_field": {"fi": "Toimenpide", "sv": "Åtgärd", "en": "Measure"},
    "conflict": {"fi": "Ristiriita", "sv": "Konflikt", "en": "Conflict"},
    "place": {"fi": "Kohta", "sv": "Plats", "en": "Place"},
    "changes": {"fi": "Muutokset", "sv": "Ändringar", "en": "Changes"},
    "state_by_agency": {
        "fi": "Toimenpiteiden tila toimijoittain",
        "sv": "Åtgärdernas status per aktör",
        "en": "State of the measures by agency",
    },
    "state_by_theme": {
        "fi": "Toimenpiteiden tila teemoittain",
        "sv": "Åtgärdernas status per tema",
        "en": "State of the measures by theme",
    },
    "fill_in_title": {"fi": "Täytettävä", "sv": "Fyll i", "en": "To fill in"},
    "fill_in_state": {
        "fi": "Valitse tila luettelosta.",
        "sv": "Välj status i listan.",
        "en": "Choose a state from the list.",
    },
    "fill_in_health": {
        "fi": "Valitse etenemisen arvio luettelosta.",
        "sv": "Välj läge i listan.",
        "en": "Choose a health from the list.",
    },
    "fill_in_due": {
        "fi": "Päivämäärä, esim. 31.12.2026.",
        "sv": "Ett datum, t.ex. 2026-12-31.",
        "en": "A date, e.g. 2026-12-31.",
    },
    "fill_in_error_title": {"fi": "Ei kelpaa", "sv": "Ogiltigt", "en": "Not valid"},
    "fill_in_error_list": {
        "fi": "Valitse jokin luettelon vaihtoehdoista.",
        "sv": "Välj ett av alternativen i listan.",
        "en": "Choose one of the values in the list.",
    },
    "fill_in_error_date": {
        "fi": "Kirjoita päivämäärä.",
        "sv": "Skriv ett datum.",
        "en": "Enter a date.",
    },
}

#: Messages of ``status import``; a problem's message follows its place (SHEET!CELL, FILE:LINE).
TRACKING_MESSAGES: dict[str, dict[str, str]] = {
    "imp_refused": {
        "en": "{path}: {count} problem(s); nothing was written.",
        "fi": "{path}: {count} virhe(ttä); mitään ei kirjoitettu.",
        "sv": "{path}: {count} fel; inget skrevs.",
    },
    "imp_conflicts": {
        "en": "{count} conflict(s) with reports written since the export; nothing was written "
        "(--overwrite-conflicts takes the workbook's values).",
        "fi": "{count} ristiriita(a) viennin jälkeen kirjattujen raporttien kanssa; mitään ei "
        "kirjoitettu (--overwrite-conflicts ottaa työkirjan arvot).",
        "sv": "{count} konflikt(er) med rapporter skrivna efter exporten; inget skrevs "
        "(--overwrite-conflicts tar arbetsbokens värden).",
    },
    "imp_suggest": {
        "en": "; did you mean {options}?",
        "fi": "; tarkoititko {options}?",
        "sv": "; menade du {options}?",
    },
    "imp_unknown_state": {
        "en": "unknown state '{value}'",
        "fi": "tuntematon tila '{value}'",
        "sv": "okänd status '{value}'",
    },
    "imp_unknown_health": {
        "en": "unknown health '{value}'",
        "fi": "tuntematon etenemisen arvio '{value}'",
        "sv": "okänt läge '{value}'",
    },
    "imp_bad_date": {
        "en": "not a date: '{value}' (write YYYY-MM-DD)",
        "fi": "ei päivämäärä: '{value}' (kirjoita VVVV-KK-PP tai P.K.VVVV)",
        "sv": "inget datum: '{value}' (skriv ÅÅÅÅ-MM-DD)",
    },
    "imp_id_changed": {
        "en": "id '{value}' differs from the exported '{expected}' of this row",
        "fi": "tunnus '{value}' poikkeaa tämän rivin viedystä tunnuksesta '{expected}'",
        "sv": "id '{value}' skiljer sig från radens exporterade '{expected}'",
    },
    "imp_unknown_id": {
        "en": "no measure has the id '{value}'",
        "fi": "tunnuksella '{value}' ei ole toimenpidettä",
        "sv": "ingen åtgärd har id '{value}'",
    },
    "imp_twice": {
        "en": "'{value}' is given twice (first at {first})",
        "fi": "'{value}' on annettu kahdesti (ensin kohdassa {first})",
        "sv": "'{value}' finns två gånger (först vid {first})",
    },
    "imp_no_id": {
        "en": "a row with values but no id",
        "fi": "rivillä on arvoja mutta ei tunnusta",
        "sv": "en rad med värden men utan id",
    },
    "imp_no_id_column": {
        "en": "no ID column (the headers are: {headers})",
        "fi": "ei tunnussaraketta (otsikot: {headers})",
        "sv": "ingen id-kolumn (rubrikerna är: {headers})",
    },
    "imp_no_editable_column": {
        "en": "no column to import; expected one of: {headers}",
        "fi": "ei tuotavaa saraketta; odotettiin jotakin näistä: {headers}",
        "sv": "ingen kolumn att importera; väntade en av: {headers}",
    },
    "imp_unreadable": {
        "en": "cannot be read as a workbook or CSV: {reason}",
        "fi": "ei voida lukea työkirjana eikä CSV-tiedostona: {reason}",
        "sv": "kan inte läsas som arbetsbok eller CSV: {reason}",
    },
    "imp_conflict_field": {
        "en": "{measure} {field}: the log says '{log}' since the export, the workbook '{value}'",
        "fi": "{measure} {field}: lokissa on viennin jälkeen '{log}', työkirjassa '{value}'",
        "sv": "{measure} {field}: loggen säger '{log}' efter exporten, arbetsboken '{value}'",
    },
    "imp_conflict_text": {
        "en": "{measure}: the measure's text has changed since the export; check the row",
        "fi": "{measure}: toimenpiteen teksti on muuttunut viennin jälkeen; tarkista rivi",
        "sv": "{measure}: åtgärdens text har ändrats efter exporten; kontrollera raden",
    },
    "imp_other_data": {
        "en": "{path} was made from another version of the data (exported {exported}); "
        "rows whose measure text changed since are refused.",
        "fi": "{path} on tehty toisesta tietojen versiosta (viety {exported}); rivit, joiden "
        "toimenpiteen teksti on sittemmin muuttunut, hylätään.",
        "sv": "{path} gjordes från en annan version av uppgifterna (exporterad {exported}); "
        "rader vars åtgärdstext har ändrats sedan dess avvisas.",
    },
    "imp_nothing": {
        "en": "No changes; nothing was written.",
        "fi": "Ei muutoksia; mitään ei kirjoitettu.",
        "sv": "Inga ändringar; inget skrevs.",
    },
    "imp_dry_run": {
        "en": "Dry run: {count} measure(s) would get an entry; nothing was written.",
        "fi": "Kuivaharjoitus: {count} toimenpide(ttä) saisi merkinnän; mitään ei kirjoitettu.",
        "sv": "Provkörning: {count} åtgärd(er) skulle få en post; inget skrevs.",
    },
    "imp_written": {
        "en": "Appended an entry for each of {count} measure(s) to {path}.",
        "fi": "Lisättiin merkintä {count} toimenpiteelle tiedostoon {path}.",
        "sv": "Lade till en post för var och en av {count} åtgärd(er) i {path}.",
    },
    "imp_needs_log": {
        "en": "status import needs a status log: give --status PATH or set DIGIVISIO_STATUS.",
        "fi": "status import tarvitsee tilalokin: anna --status POLKU tai aseta DIGIVISIO_STATUS.",
        "sv": "status import behöver en statuslogg: ange --status SÖKVÄG eller DIGIVISIO_STATUS.",
    },
}

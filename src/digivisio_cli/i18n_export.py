"""Labels and messages of the data package, ``schema`` and the Python API, in fi, sv and en.

Part of :mod:`digivisio_cli.i18n`, which looks a key up here when its own tables lack it: kept
apart so that the commands that never say these words never load them (and neither module
grows past 500 lines). Pure data, no imports.
"""

LABELS: dict[str, dict[str, str]] = {
    "themes": {"fi": "Teemat", "sv": "Teman", "en": "Themes"},
    "goals": {"fi": "Tavoitteet", "sv": "Mål", "en": "Goals"},
    "agencies": {"fi": "Toimijat", "sv": "Aktörer", "en": "Agencies"},
    "agency_notes": {
        "fi": "Huomautukset toimijoista",
        "sv": "Anmärkningar om aktörerna",
        "en": "Notes on the agencies",
    },
    "responsibilities": {"fi": "Vastuunjako", "sv": "Ansvarsfördelning", "en": "Responsibilities"},
    "role": {"fi": "Rooli", "sv": "Roll", "en": "Role"},
    "number": {"fi": "Numero", "sv": "Nummer", "en": "Number"},
    "since": {"fi": "Alkaen", "sv": "Från", "en": "Since"},
}

MESSAGES: dict[str, dict[str, str]] = {
    "package_description": {
        "en": "The vision's responsibility matrix as data: its themes, goals and {measures} of "
        "{total} measures, the agencies, and which agency has which role in each measure. "
        "Transcribed by digivisio; not an official publication.",
        "fi": "Vision vastuumatriisi datana: teemat, tavoitteet, {measures}/{total} toimenpidettä, "
        "toimijat ja kunkin toimijan rooli kussakin toimenpiteessä. digivisio-projektin "
        "litteroima; ei virallinen julkaisu.",
        "sv": "Visionens ansvarsmatris som data: teman, mål, {measures} av {total} åtgärder, "
        "aktörerna och vilken roll varje aktör har i varje åtgärd. Transkriberad av digivisio; "
        "ingen officiell publikation.",
    },
    "package_selection": {
        "en": "A selection: {filters}.",
        "fi": "Valinta: {filters}.",
        "sv": "Ett urval: {filters}.",
    },
    "package_as_of": {
        "en": "As of {date}: the filters see the agencies of that date, and agency_as_of in "
        "responsibilities names the agency that carries each published role then.",
        "fi": "Tilanne {date}: suodattimet näkevät sen päivän toimijat, ja responsibilities-"
        "taulun agency_as_of kertoo, kuka kutakin julkaistua roolia silloin hoitaa.",
        "sv": "Läge per {date}: filtren ser det datumets aktörer, och agency_as_of i "
        "responsibilities anger vilken aktör som då bär varje publicerad roll.",
    },
    "package_license": {
        "en": "The digivisio project's licence, for its transcription, structure, notes and "
        "unofficial translations",
        "fi": "digivisio-projektin lisenssi sen litteroinnille, rakenteelle, tulkinnoille ja "
        "epävirallisille käännöksille",
        "sv": "Projektet digivisios licens, för dess transkribering, struktur, tolkningar och "
        "inofficiella översättningar",
    },
    "package_rights": {
        "en": "The Finnish texts are from a publication by {publisher}, published "
        "{published}. No licence is claimed for them here: none stated by the publisher was "
        "found. Finnish public-sector open data is recommended to be released under CC BY 4.0 "
        "(JHS 189); whether that applies to this publication is not known. The structure, the "
        "roles, the notes and the Swedish and English texts (except the agencies' official names "
        "and the publication's English title) are digivisio's unofficial work, under the "
        "project's licence (MIT).",
        "fi": "Suomenkieliset tekstit ovat julkaisusta, jonka {publisher} on julkaissut "
        "{published}. Niille ei tässä ilmoiteta lisenssiä, koska julkaisijan ilmoittamaa "
        "lisenssiä ei löytynyt. Julkishallinnon avoin data suositellaan julkaistavaksi "
        "CC BY 4.0 -lisenssillä (JHS 189); koskeeko se tätä julkaisua, ei tiedetä. Rakenne, "
        "roolit, tulkinnat sekä ruotsin- ja englanninkieliset tekstit (paitsi toimijoiden "
        "viralliset nimet ja julkaisun englanninkielinen nimi) ovat digivision epävirallista "
        "työtä, projektin lisenssillä (MIT).",
        "sv": "De finska texterna är ur en publikation av {publisher}, publicerad {published}. "
        "Ingen licens görs gällande för dem här: ingen licens angiven av utgivaren hittades. "
        "Den offentliga sektorns öppna data rekommenderas att publiceras under CC BY 4.0 "
        "(JHS 189); om det gäller denna publikation är inte känt. Strukturen, rollerna, "
        "tolkningarna och de svenska och engelska texterna (utom aktörernas officiella namn och "
        "publikationens engelska titel) är digivisios inofficiella arbete, under projektets "
        "licens (MIT).",
    },
    "needs_folder": {
        "en": "The {format} format writes a folder; name it with -o FOLDER.",
        "fi": "Muoto {format} kirjoittaa kansion; anna se valitsimella -o KANSIO.",
        "sv": "Formatet {format} skriver en mapp; ange den med -o MAPP.",
    },
    "what_unsupported": {
        "en": "The {format} format cannot export --what {what} (it can: {options}).",
        "fi": "Muodossa {format} ei voi viedä valintaa --what {what} (mahdolliset: {options}).",
        "sv": "Formatet {format} kan inte exportera --what {what} (möjliga: {options}).",
    },
    "not_a_folder": {
        "en": "{path} exists and is not a folder; nothing was written.",
        "fi": "{path} on olemassa eikä ole kansio; mitään ei kirjoitettu.",
        "sv": "{path} finns och är ingen mapp; inget skrevs.",
    },
    "folder_not_empty": {
        "en": "{path} is not empty; nothing was written (use --force to replace an earlier "
        "export there).",
        "fi": "{path} ei ole tyhjä; mitään ei kirjoitettu (korvaa siinä oleva aiempi vienti "
        "valitsimella --force).",
        "sv": "{path} är inte tom; inget skrevs (ersätt en tidigare export där med --force).",
    },
    "folder_not_export": {
        "en": "{path} holds more than an earlier export; not replaced, even with --force. "
        "Choose a new or empty folder.",
        "fi": "{path} sisältää muutakin kuin aiemman viennin; sitä ei korvata edes valitsimella "
        "--force. Valitse uusi tai tyhjä kansio.",
        "sv": "{path} innehåller mer än en tidigare export; den ersätts inte ens med --force. "
        "Välj en ny eller tom mapp.",
    },
    "schema_data_title": {
        "en": "digivisio data file (measures.yaml)",
        "fi": "digivision datatiedosto (measures.yaml)",
        "sv": "digivisios datafil (measures.yaml)",
    },
    "schema_data_description": {
        "en": "The responsibility matrix of the digitalisation vision 2027. The structure only: "
        "run 'digivisio validate' for the rules a schema cannot check (ids that match their "
        "goal, declared agencies).",
        "fi": "Digitalisaation visio 2027:n vastuumatriisi. Vain rakenne: komento "
        "'digivisio validate' tarkistaa säännöt, joita skeema ei voi tarkistaa (tunnukset, "
        "jotka vastaavat tavoitettaan, ilmoitetut toimijat).",
        "sv": "Ansvarsmatrisen för digitaliseringsvisionen 2027. Endast strukturen: "
        "'digivisio validate' kontrollerar de regler som ett schema inte kan kontrollera (id som "
        "motsvarar sitt mål, deklarerade aktörer).",
    },
    "unknown_role": {
        "en": "No role is called '{value}' (the roles: {options}).",
        "fi": "Roolia '{value}' ei ole (roolit: {options}).",
        "sv": "Ingen roll heter '{value}' (rollerna: {options}).",
    },
}

"""Every string a user reads, in English, under a stable key: the source of the catalogs.

Labels are short (a column heading, a word in a cell); messages are sentences with ``{named}``
parameters. A :class:`Plural` counts something. The Finnish and Swedish translations are in
``locale/<lang>/LC_MESSAGES/digivisio.po``; after adding or changing a string here, run
``python scripts/catalogs.py update`` and translate the new entries (README.md, "Translations").
A leaf: pure data, importing nothing.
"""

from __future__ import annotations

from collections.abc import Mapping


class Plural:
    """A message that counts: English singular and plural, and the parameter holding the count."""

    # NOTE: a plain class, not a dataclass: making a dataclass costs about a millisecond at
    # import, and every command imports this module.
    __slots__ = ("count", "one", "other")

    def __init__(self, one: str, other: str, count: str = "count") -> None:
        self.one, self.other, self.count = one, other, count

    def __repr__(self) -> str:
        return f"Plural({self.one!r}, {self.other!r}, count={self.count!r})"


class Ref(str):
    """A message parameter that is itself a label key, shown in the message's language.

    ``message("p_expected_text", lang, field="id", got=Ref("type_number"))`` reads "id: expected
    text, got a number" in English and "id: odotettiin tekstiä, saatiin luku" in Finnish.
    """

    __slots__ = ()


#: A source string: English text, a plural, or (the form before the catalogs, still read so that
#: a branch written against it keeps working) a mapping of language to text.
Source = str | Plural | Mapping[str, str]

# Column headings and other labels. Keys are the stable field names of the json/csv output.
LABELS: dict[str, Source] = {
    "id": "ID",
    "goal": "Goal",
    "goal_title": "Goal title",
    "theme": "Theme",
    "title": "Title",
    "description": "Description",
    "responsible": "Responsible",
    "partners": "Partners",
    "mentioned": "Mentioned",
    "other_parties": "Other parties",
    "pending": "Pending",
    "text": "Measure",
    "original": "Original text (Finnish)",
    "translation": "Translation",
    "unofficial": "unofficial translation",
    "note": "Transcription note",
    "measures": "Measures",
    "measure_count": "Measures",
    "agency": "Agency",
    "code": "Code",
    "name": "Name",
    "name_fi": "Name in Finnish",
    "name_sv": "Name in Swedish",
    "name_en": "Name in English",
    "abbreviations": "Other abbreviations",
    "no_agency": "No agency",
    "none_named": "none named",
    "none_declared": "none",
    "yes": "yes",
    "no": "no",
    "vision": "Vision",
    "matrix": "Responsibility matrix",
    "source": "Source",
    "publisher": "Publisher",
    "published": "Published",
    "exported": "Exported",
    "agency_note": "Note",
    "kind": "Level",
    "kind_theme": "theme",
    "kind_goal": "goal",
    "kind_measure": "measure",
    "kind_section": "section",
    "role_responsible": "responsible",
    "role_partner": "partner",
    "kind_agency": "agency",
    "change": "Change",
    "change_added": "added",
    "change_removed": "removed",
    "change_changed": "changed",
    "field": "Field",
    "difference": "Difference",
    "old": "Old",
    "new": "New",
    "gained": "Gained",
    "lost": "Lost",
    "measure_text": "Text",
    "value": "Value",
    "translation_lang": "Translation language",
    # A language named inside another text: "Tolkning (original, på engelska)".
    "in_fi": "in Finnish",
    "in_sv": "in Swedish",
    "in_en": "in English",
    "title_fi": "Title in Finnish",
    "title_sv": "Title in Swedish",
    "title_en": "Title in English",
    # Succession and --as-of (issue 14, item 5).
    "successor": "Successor",
    "as_of": "As of",
    "in_document": "in the document",
    # What a data file's value was read as, in "expected text, got a number".
    "type_date": "a date",
    "type_datetime": "a date and time",
    "type_bool": "true/false",
    "type_number": "a number",
    "alias_code": "code",
    "alias_name": "name",
    "alias_abbreviation": "abbreviation",
    "type_text": "text",
    "type_list": "a list",
    "type_mapping": "a mapping",
    "type_null": "nothing (null)",
    # The status log (issue 15).
    "state_not-started": "not started",
    "state_in-progress": "in progress",
    "state_done": "done",
    "state_on-hold": "on hold",
    "state_dropped": "dropped",
    "health_on-track": "on track",
    "health_at-risk": "at risk",
    "health_off-track": "off track",
    "state": "State",
    "health": "Health",
    "due": "Due",
    "owner": "Owner unit",
    "link": "Link",
    "status_note": "Last note",
    "status_date": "Reported",
    "entry_note": "Note",
    "by": "Reported by",
    "date": "Date",
    "before": "Before",
    "cleared": "Cleared",
    "now": "Now",
    "no_report": "No report",
    "stale": "Stale",
    "share_done": "Done",
    "progress": "Progress",
    "ov_measures": "All",
    "ov_stale": "Stale",
    "ov_at-risk": "at risk",
    "ov_off-track": "off track",
    "total": "Total",
    "status_overview": "Status overview",
    "status_log": "Status log",
    "status_since": "Changes since {date}",
    # The data package, the schema command and the Python API (issue 17).
    "themes": "Themes",
    "goals": "Goals",
    "agencies": "Agencies",
    "agency_notes": "Notes on the agencies",
    "responsibilities": "Responsibilities",
    "role": "Role",
    "number": "Number",
    "since": "Since",
    "reports": "Reports",
    "status_current": "Current status",
    # The planning meeting's workbook and status import (issue 16).
    "tracking": "Tracking",
    "col_state": "State",
    "col_health": "Health",
    "col_due": "Due",
    "col_owner": "Owner",
    "col_link": "Link",
    "col_new_note": "New note",
    "col_last_note": "Last note",
    "col_last_report": "Last report",
    "measure_field": "Measure",
    "conflict": "Conflict",
    "place": "Place",
    "changes": "Changes",
    "state_by_agency": "State of the measures by agency",
    "state_by_theme": "State of the measures by theme",
    "fill_in_title": "To fill in",
    "fill_in_state": "Choose a state from the list.",
    "fill_in_health": "Choose a health from the list.",
    "fill_in_due": "A date, e.g. 2026-12-31.",
    "fill_in_error_title": "Not valid",
    "fill_in_error_list": "Choose one of the values in the list.",
    "fill_in_error_date": "Enter a date.",
    # Click's usage errors (app/usage.py): the usage line's words, the kinds of number.
    "usage_prefix": "Usage:",
    "usage_options": "[OPTIONS]",
    "usage_command_args": "COMMAND [ARGS]...",
    "click_int": "int",
    "click_int_range": "int range",
    "click_float": "float",
    "click_float_range": "float range",
}

MESSAGES: dict[str, Source] = {
    "data_invalid": Plural(
        "{path}: {count} problem; nothing was loaded.",
        "{path}: {count} problems; nothing was loaded.",
    ),
    "more_problems": Plural("… and {count} more problem", "… and {count} more problems"),
    "valid": "{path}: valid: {counts}.",
    "count_themes": Plural("{count} theme", "{count} themes"),
    "count_goals": Plural("{count} goal", "{count} goals"),
    "count_measures": Plural("{count} measure", "{count} measures"),
    "count_agencies": Plural("{count} agency", "{count} agencies"),
    "count_pending": Plural("{count} pending", "{count} pending"),
    "unknown_id": "No theme, goal or measure has the id '{value}'.",
    "unknown_agency": "No agency is called '{value}'.",
    "did_you_mean": "Did you mean: {options}?",
    "valid_choices": "Valid: {options}",
    "no_match": "No measure matches these filters.",
    "file_exists": "{path} exists; not overwritten (use --force to replace it).",
    "write_failed": "Could not write {path}: {reason}. Nothing was written.",
    "output_failed": "Could not write the output: {reason}.",
    "binary_to_terminal": "The {format} format is binary; write it to a file with -o FILE.",
    "wrote": "Wrote {path}.",
    "summary_agency": "{name}: {responsible} responsible, {partner} as partner",
    "summary_none": "no agency named: {count}",
    "summary_total": Plural("{count} measure", "{count} measures"),
    "pending_marker_note": "* {note}",
    # Row labels of `show`: a text in its original language, and a translation.
    "original_in": "{label} (original, {language})",
    "translated": "{label} (unofficial translation)",
    "translation_in": "Unofficial translation ({language})",
    "missing_catalog": "no compiled {lang} catalog (a source checkout: run "
    "python scripts/catalogs.py compile); English is shown",
    "diff_title": "Differences: {old} → {new}",
    "diff_same": "No differences.",
    "diff_different": "{id} now holds a clearly different measure (text similarity {percent}%); "
    "the list may have been renumbered.",
    "diff_resembles_old": "{id}: the text resembles that of {other} in the old version.",
    "diff_resembles_new": "{id} (removed): the text resembles that of {other} in the new version.",
    "diff_load": "Net change in load: {items}",
    "diff_load_agency": "{code} responsible {old_r} → {new_r} ({delta_r}), "
    "partner {old_p} → {new_p} ({delta_p})",
    "diff_stdin_twice": "Only one of OLD and NEW can be read from standard input ('-').",
    "interrupted": "Interrupted.",
    "option_empty": "{option} is empty; give a value, or leave the option out.",
    "valid_choices_more": Plural(
        "Valid: {options} and {count} more", "Valid: {options} and {count} more"
    ),
    "write_not_regular": "Will not write {path}: it is not a regular file (a device, a pipe or a "
    "socket). Nothing was written.",
    "write_no_folder": "Could not write {path}: no folder of that name exists, and a file name "
    "cannot end in '/'. Nothing was written.",
    "cell_too_long": "Warning: measure {id}: the {column} is {length} characters long, more than "
    "a spreadsheet cell holds ({limit}); it was cut short in the xlsx file.",
    # Succession and --as-of (issue 14, item 5).
    "bad_as_of": "--as-of: '{value}' is not a date; give YYYY-MM-DD (such as 2026-06-01) or 'today'.",
    "successor_since": "{successor} from {since}",
    "successor_mark": "{code}: successor {successor} from {since}",
    "as_of_applied": "As of {date}: {items}.",
    "as_of_item": "{code} → {successor} (from {since})",
    "as_of_unchanged": "As of {date}: no agency has been succeeded; the answer is as published.",
    "as_of_title": "{title} (as of {date})",
    # --- problems in a data file, one line each after "file:line: measure id: " -------------
    "p_option_empty": "is empty; give the path of a data file, or leave it out",
    "p_folder": "is a folder, not a data file",
    "p_too_large_mib": "is {size} MiB, larger than any data file could be "
    "(the limit is {limit} MiB); not read",
    "p_too_large_bytes": "is {size} bytes, larger than any data file could be "
    "(the limit is {limit} MiB); not read",
    "p_too_large_over": "is over {limit} MiB, larger than any data file could be "
    "(the limit is {limit} MiB); not read",
    "p_no_such_file": "no such file",
    "p_permission": "permission denied",
    "p_os_error": "{reason}",
    "p_bad_name": "is not a usable file name",
    "p_empty": "the file is empty",
    "p_utf16": "is UTF-16 text, not UTF-8 (save it as UTF-8)",
    "p_binary": "is a binary file, not YAML text",
    "p_not_utf8": "is not valid UTF-8 text (save it as UTF-8)",
    "p_key_not_plain": "a mapping key must be a plain value",
    "p_key_not_name": "the key {key} is read as {kind}, not a name; keys are names such as text "
    "or id",
    "p_duplicate_key": "duplicate key {key} (first at line {line}); YAML would silently keep "
    "only one of them",
    "p_alias": "not valid YAML: YAML anchors and aliases (&name, *name) are not allowed in a "
    "data file; write the value out",
    "p_bad_date": "not valid YAML: {value} is not a valid date ({detail})",
    "p_number_too_large": "not valid YAML: the number {value} is too large to be read "
    "({length} characters)",
    "p_unreadable": "not valid YAML: the value {value} cannot be read ({detail})",
    "p_control_char": "the control character U+{code} is not allowed in YAML text; delete it",
    "p_yaml": "not valid YAML: {detail}",
    "p_yaml_began": "not valid YAML: {detail} (it began at line {line})",
    "p_yaml_tag": "the YAML tag {tag} is not allowed in a data file (only plain values)",
    "p_tab": "a tab character: YAML indentation must use spaces, not tabs",
    "p_bad_start": "not valid YAML: a value cannot start with {char}; put the value in quotes",
    "p_too_deep": "is nested too deeply to be a data file",
    "p_not_mapping": "the file must be a mapping with the keys schema_version, document, "
    "agencies, themes, goals, measures",
    "p_missing_key": "missing required key '{key}'",
    "p_unknown_key": "unknown key {key}",
    "p_expected_text": "{field}: expected text, got {got}",
    "p_expected_text_quote": '{field}: expected text, got {got} (put it in quotes, e.g. "3.1")',
    "p_expected_list": "{field}: expected a list such as [OKM], got {got}",
    "p_must_not_be_empty": "{field}: must not be empty",
    "p_expected_mapping": "{field}: expected a mapping of keys, got {got}",
    "p_must_be": "{field}: must be {expected}",
    "p_expected_bool": "{field}: expected true or false, got {got}",
    "p_expected_date": "{field}: expected a date such as 2023-04-14",
    "p_expected_int": "{field}: expected a whole number, got {got}",
    "p_schema": "{field}: {detail}",
    "p_code_twice": "agency code {code} is declared twice (first at line {line})",
    "p_id_not_dotted": "id {id} is not a dotted number such as 3.1.2 (whole numbers from 1, "
    "no leading zeros)",
    "p_duplicate_id": "duplicate id {id} (first at line {line})",
    "p_id_not_under_theme": "id {id} does not match its theme {parent} (expected '{expected}.<n>')",
    "p_id_not_under_goal": "id {id} does not match its goal {parent} (expected '{expected}.<n>')",
    "p_no_such_theme": "theme {theme} does not exist",
    "p_no_such_goal": "goal {goal} does not exist",
    "p_blank": "{field}: must not be blank",
    "p_pending_not_bool": "pending: expected true or false, got {got}",
    "p_unknown_agency": "{role}: unknown agency {code} (declared: {declared})",
    "p_agency_twice": "{role}: agency {code} is already listed in {other}",
    "p_unknown_publisher": "publisher: unknown agency {code} (declared: {declared})",
    "p_hidden_char": "{field}: holds the invisible control character U+{code}; delete it",
    "p_agency_spaces": "agency {code}: {what} {alias} has spaces at its ends or two in a row; "
    "--actor could never reach it",
    "p_agency_collision": "agencies {other} and {code} both answer to --actor {alias}: {other} as "
    "its {other_what} {other_alias} (line {other_line}), {code} as its {what} {alias} (line {line})",
    "p_number_form": "{value} is read by YAML as the number {number}; write whole numbers plainly, "
    "or put text in quotes",
    "p_expected_int_decimal": "{field}: expected a whole number, got the decimal number {number}",
    "p_fifo": "is a named pipe (FIFO), not a data file",
    "p_socket": "is a socket, not a data file",
    "p_device": "is a device, not a data file",
    "p_stdin_closed": "standard input is closed; nothing to read",
    "p_env_empty": "is empty; give the path of a data file, or unset it",
    "p_diff_empty": "is empty; give the path of a data file, 'bundled' or '-'",
    "p_succeeds_itself": "agency {code}: successor: an agency cannot succeed itself",
    "p_unknown_successor": "agency {code}: successor: unknown agency {target} "
    "(declared: {declared})",
    "p_succession_too_early": "agency {code}: successor.since: {since} is before the document "
    "was published ({published}); a succession records a change after the document named the "
    "agency",
    "p_succession_cycle": "agency {code}: successor: the successions form a cycle ({ring}), so "
    "no agency would carry their measures",
    "p_successor_succeeded": "agency {code}: successor: {target} was itself succeeded by "
    "{further} on {then}, by the date of this succession ({since}); name {further} as the "
    "successor",
    # The status log (issue 15).
    "status_created": "Created the status log {path}.",
    "status_added": "{path}: added an entry for {id} dated {date}.",
    "status_hidden_character": "--{field}: the text holds the invisible control character {char}; leave it out.",
    "status_nothing_to_set": "Nothing to record: give a state, or one of --health, --due, --owner, --link, --note, --clear.",
    "status_unknown_state": "Unknown state '{value}'.",
    "status_unknown_health": "Unknown health '{value}'.",
    "status_unknown_field": "--clear: '{value}' is not a field that can be cleared.",
    "status_set_and_clear": "{field} is both set and cleared; choose one.",
    "status_bad_date": "{option}: '{value}' is not a date; write it as YYYY-MM-DD, e.g. {example}.",
    "status_future_date": "--date: a report cannot be dated {value}, after today ({today}).",
    "status_not_a_measure": "'{value}' is a {kind}; an entry reports on one measure.",
    "status_needed": "{option} needs a status log: give --status PATH or set DIGIVISIO_STATUS.",
    "status_not_appendable": "{path}: cannot add to this log without rewriting it ({reason}); nothing was written.",
    "status_unchanged": "{path} was left as it was.",
    "status_no_entries": "No entries.",
    # The data package, the schema command and the Python API (issue 17).
    "package_description": "The vision's responsibility matrix as data: its themes, goals and {measures} of {total} measures, the agencies, and which agency has which role in each measure. Transcribed by digivisio; not an official publication.",
    "package_selection": "A selection: {filters}.",
    "package_as_of": "As of {date}: the filters see the agencies of that date, and agency_as_of in responsibilities names the agency that carries each published role then.",
    "package_license": "The digivisio project's licence, for its transcription, structure, notes and unofficial translations",
    "package_rights": "The Finnish texts are from a publication by {publisher}, published {published}. No licence is claimed for them here: none stated by the publisher was found. Finnish public-sector open data is recommended to be released under CC BY 4.0 (JHS 189); whether that applies to this publication is not known. The structure, the roles, the notes and the Swedish and English texts (except the agencies' official names and the publication's English title) are digivisio's unofficial work, under the project's licence (MIT).",
    "needs_folder": "The {format} format writes a folder; name it with -o FOLDER.",
    "what_unsupported": "The {format} format cannot export --what {what} (it can: {options}).",
    "not_a_folder": "{path} exists and is not a folder; nothing was written.",
    "folder_not_empty": "{path} is not empty; nothing was written (use --force to replace an earlier export there).",
    "folder_not_export": "{path} holds more than an earlier export; not replaced, even with --force. Choose a new or empty folder.",
    "schema_data_title": "digivisio data file (measures.yaml)",
    "schema_data_description": "The responsibility matrix of the digitalisation vision 2027. The structure only: run 'digivisio validate' for the rules a schema cannot check (ids that match their goal, declared agencies).",
    "unknown_role": "No role is called '{value}' (the roles: {options}).",
    "package_status": "With the status log: its {entries} entries, folded into each measure's current status (who reported is left out).",
    "schema_status_title": "digivisio status log",
    "schema_status_description": "Dated reports on the measures of the digitalisation vision 2027. The structure only: a digivisio command given the log with --status checks the rules a schema cannot (measures that exist, no report dated in the future).",
    # The planning meeting's workbook and status import (issue 16).
    "imp_refused": Plural(
        "{path}: {count} problem; nothing was written.",
        "{path}: {count} problems; nothing was written.",
    ),
    "imp_conflicts": Plural(
        "{count} conflict with reports written since the export; nothing was written (--overwrite-conflicts takes the workbook's values).",
        "{count} conflicts with reports written since the export; nothing was written (--overwrite-conflicts takes the workbook's values).",
    ),
    "imp_suggest": "; did you mean {options}?",
    "imp_unknown_state": "unknown state '{value}'",
    "imp_unknown_health": "unknown health '{value}'",
    "imp_bad_date": "not a date: '{value}' (write YYYY-MM-DD)",
    "imp_id_changed": "id '{value}' differs from the exported '{expected}' of this row",
    "imp_unknown_id": "no measure has the id '{value}'",
    "imp_twice": "'{value}' is given twice (first at {first})",
    "imp_no_id": "a row with values but no id",
    "imp_no_id_column": "no ID column (the headers are: {headers})",
    "imp_no_editable_column": "no column to import; expected one of: {headers}",
    "imp_unreadable": "cannot be read as a workbook or CSV: {reason}",
    "imp_conflict_field": "{measure} {field}: the log says '{log}' since the export, the workbook '{value}'",
    "imp_conflict_text": "{measure}: the measure's text has changed since the export; check the row",
    "imp_other_data": "{path} was made from another version of the data (exported {exported}); rows whose measure text changed since are refused.",
    "imp_nothing": "No changes; nothing was written.",
    "imp_dry_run": Plural(
        "Dry run: {count} measure would get an entry; nothing was written.",
        "Dry run: {count} measures would get an entry; nothing was written.",
    ),
    "imp_written": Plural(
        "Appended an entry for {count} measure to {path}.",
        "Appended an entry for each of {count} measures to {path}.",
    ),
    "imp_needs_log": "status import needs a status log: give --status PATH or set DIGIVISIO_STATUS.",
    # The status log's problems (issue 15).
    "p_log_not_mapping": "a status log must be a mapping with the keys schema_version and entries",
    "p_log_unknown_state": "state: unknown state {value} (the file holds codes: {codes})",
    "p_log_unknown_state_close": "state: unknown state {value} (the file holds codes: {codes}); did you mean {close}?",
    "p_log_unknown_health": "health: unknown health {value} (the file holds codes: {codes})",
    "p_log_unknown_health_close": "health: unknown health {value} (the file holds codes: {codes}); did you mean {close}?",
    "p_log_future_date": "date: the report is dated {date}, after today ({today})",
    "p_log_goal_not_measure": "measure: {value} is a goal, not a measure; an entry reports on one measure",
    "p_log_goal_not_measure_such_as": "measure: {value} is a goal, not a measure; an entry reports on one measure (such as {examples})",
    "p_log_theme_not_measure": "measure: {value} is a theme, not a measure; an entry reports on one measure",
    "p_log_theme_not_measure_such_as": "measure: {value} is a theme, not a measure; an entry reports on one measure (such as {examples})",
    "p_log_removed": "measure: the data file no longer has {value} (goal {goal} has {span}); was it removed or renumbered?",
    "p_log_unknown_measure": "measure: no measure has the id {value}",
    "p_log_unknown_measure_close": "measure: no measure has the id {value}; did you mean {close}?",
    # Click's usage errors, worded again from what the exception holds (app/usage.py).
    "usage_try": "Try '{command}' for help.",
    "usage_error": "Error: {text}",
    "usage_no_such_command": "No such command {command}.",
    "usage_did_you_mean_command": Plural("Did you mean {options}?", "Did you mean {options}?"),
    "usage_no_such_option": "No such option: {option}",
    "usage_possible_options": Plural(
        "(Possible options: {options})", "(Possible options: {options})"
    ),
    "usage_missing_command": "Missing command.",
    "usage_missing_argument": "Missing argument {name}.",
    "usage_missing_option": "Missing option {name}.",
    "usage_missing_parameter": "Missing parameter {name}.",
    "usage_choose_from": "Choose from:\n\t{choices}",
    "usage_invalid_value": "Invalid value: {problem}",
    "usage_invalid_option_value": "Invalid value for {name}: {problem}",
    "usage_invalid_argument_value": "Invalid value for {name}: {problem}",
    "usage_not_a_choice": "{given} is not one of {choices}.",
    "usage_not_a_number": "{given} is not a valid {kind}.",
    "usage_out_of_range": "{given} is not in the range {range}.",
    "usage_option_needs_value": "Option {option} requires an argument.",
    "usage_option_takes_no_value": "Option {option} does not take a value.",
    "usage_extra_arguments": Plural(
        "Got unexpected extra argument(s) ({args})", "Got unexpected extra argument(s) ({args})"
    ),
}

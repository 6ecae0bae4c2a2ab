"""Property tests: whatever people type, the answer is data or a clean error, never a traceback."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SMALL, invoke_cli

TEXT = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=80
)
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(ident=st.one_of(TEXT, st.from_regex(r"\A[0-9０-９. ]{0,12}\Z")))
def test_any_id_gets_an_answer_or_a_usage_error(ident: str) -> None:
    result = invoke_cli(["--data", str(SMALL), "who-owns", "--", ident])
    assert result.exit_code in (0, 2), result
    assert "Traceback" not in result.stderr


@SETTINGS
@given(name=TEXT)
def test_any_agency_name_gets_an_answer_or_a_usage_error(name: str) -> None:
    result = invoke_cli(["--data", str(SMALL), "measures", "-f", "json", "--actor", name])
    assert result.exit_code in (0, 2), result
    assert "Traceback" not in result.stderr


@SETTINGS
@given(needle=TEXT)
def test_any_search_text_is_an_answer(needle: str) -> None:
    result = invoke_cli(["--data", str(SMALL), "measures", "-f", "json", "--search", needle])
    assert result.exit_code == 0, result

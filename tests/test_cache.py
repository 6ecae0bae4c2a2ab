"""The validated-data cache: a hit is the same dataset, and nothing wrong with it costs more
than speed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SMALL
from digivisio_cli.data import cache, matrix
from digivisio_cli.data.matrix import load


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh, switched-on cache in a temporary folder."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("DIGIVISIO_CACHE", "on")
    monkeypatch.setenv("DIGIVISIO_CACHE_DIR", str(folder))
    return folder


def _entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.pickle")) if folder.exists() else []


def _no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_: object) -> None:
        raise AssertionError("parsed although the cache should have answered")

    monkeypatch.setattr(matrix, "parse", refuse)


def test_second_load_is_answered_from_the_cache_with_an_equal_dataset(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = load(SMALL)
    assert len(_entries(cache_dir)) == 1
    _no_parsing(monkeypatch)
    assert load(SMALL) == first


def test_an_edited_file_is_parsed_again_not_served_stale(cache_dir: Path, tmp_path: Path) -> None:
    data = tmp_path / "data.yaml"
    data.write_bytes(SMALL.read_bytes())
    before = load(data)
    edited = SMALL.read_text(encoding="utf-8").replace("Tavoite yksi", "Tavoite yksi, muokattu")
    data.write_text(edited, encoding="utf-8")
    after = load(data)
    assert before != after
    assert after.goals[0].title == "Tavoite yksi, muokattu"
    assert len(_entries(cache_dir)) == 2


@pytest.mark.parametrize(
    "damage",
    [b"", b"not a pickle at all", b"\x80\x05\x95", b"\x80\x05N."],
    ids=["empty", "garbage", "truncated", "wrong-object"],
)
def test_a_damaged_entry_is_a_miss_and_is_replaced(cache_dir: Path, damage: bytes) -> None:
    expected = load(SMALL)
    (entry,) = _entries(cache_dir)
    entry.write_bytes(damage)
    assert load(SMALL) == expected
    assert entry.read_bytes() != damage


def test_an_entry_from_other_code_is_not_trusted(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load(SMALL)
    monkeypatch.setattr(cache, "_code_fingerprint", lambda: "edited loader")
    assert cache.get(SMALL.read_bytes()) is None


@pytest.mark.skipif(not hasattr(os, "getuid") or os.getuid() != 0, reason="needs chown (root)")
def test_an_entry_written_by_another_user_is_ignored(cache_dir: Path) -> None:
    load(SMALL)
    (entry,) = _entries(cache_dir)
    os.chown(entry, 4321, 4321)
    assert cache.get(SMALL.read_bytes()) is None


def test_an_unusable_cache_folder_only_costs_speed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("DIGIVISIO_CACHE", "on")
    monkeypatch.setenv("DIGIVISIO_CACHE_DIR", str(blocker / "cache"))
    assert load(SMALL).measures
    assert load(SMALL).measures


def test_switched_off_it_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DIGIVISIO_CACHE", "off")
    monkeypatch.setenv("DIGIVISIO_CACHE_DIR", str(tmp_path / "cache"))
    load(SMALL)
    assert not (tmp_path / "cache").exists()


def test_old_entries_are_pruned_to_the_newest_few(cache_dir: Path, tmp_path: Path) -> None:
    dataset = load(SMALL)
    for n in range(cache.KEEP + 4):
        cache.put(f"content {n}".encode(), dataset)
    assert len(_entries(cache_dir)) == cache.KEEP
    assert cache.get(f"content {cache.KEEP + 3}".encode()) == dataset


def test_the_folder_follows_xdg_and_is_private(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DIGIVISIO_CACHE_DIR", raising=False)
    monkeypatch.setenv("DIGIVISIO_CACHE", "on")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    if sys.platform.startswith("linux"):
        assert cache.cache_dir() == tmp_path / "xdg" / "digivisio"
    load(SMALL)
    folder = cache.cache_dir()
    assert folder is not None and _entries(folder)
    if os.name == "posix":
        assert folder.stat().st_mode & 0o077 == 0


@pytest.mark.subprocess
def test_concurrent_first_runs_all_succeed_and_leave_one_entry(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "DIGIVISIO_CACHE": "on",
        "DIGIVISIO_CACHE_DIR": str(tmp_path / "cache"),
        "DIGIVISIO_LANG": "en",
    }
    argv = [sys.executable, "-m", "digivisio_cli", "--data", str(SMALL), "validate"]
    runs = [
        subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(4)
    ]
    results = [(p.wait(timeout=60), p.stdout.read(), p.stderr.read()) for p in runs]  # type: ignore[union-attr]
    for code, out, err in results:
        assert code == 0, err
        assert b"valid" in out
    assert len(_entries(tmp_path / "cache")) == 1
    assert not [p for p in (tmp_path / "cache").iterdir() if p.name.startswith(".tmp")]


def test_pruning_touches_only_the_caches_own_files(cache_dir: Path) -> None:
    cache_dir.mkdir(mode=0o700)
    theirs = [cache_dir / f"model_{n}.pickle" for n in range(cache.KEEP + 2)]
    theirs += [cache_dir / ".hidden.pickle", cache_dir / "notes.txt"]
    for path in theirs:
        path.write_bytes(b"not ours")
        os.utime(path, (0, 0))
    dataset = load(SMALL)
    for n in range(cache.KEEP + 2):
        cache.put(f"content {n}".encode(), dataset)
    assert all(path.exists() for path in theirs)
    assert len(_entries(cache_dir)) - len([p for p in theirs if p.suffix == ".pickle"]) == (
        cache.KEEP
    )


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_a_folder_others_can_write_to_is_not_used(cache_dir: Path) -> None:
    cache_dir.mkdir(mode=0o700)
    cache_dir.chmod(0o777)
    load(SMALL)
    assert not _entries(cache_dir)
    cache_dir.chmod(0o700)
    load(SMALL)
    assert len(_entries(cache_dir)) == 1
    cache_dir.chmod(0o770)
    assert cache.get(SMALL.read_bytes()) is None


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX symbolic links and owners")
def test_an_entry_that_is_a_symbolic_link_is_not_read(cache_dir: Path, tmp_path: Path) -> None:
    load(SMALL)
    (entry,) = _entries(cache_dir)
    elsewhere = tmp_path / "elsewhere.pickle"
    entry.rename(elsewhere)
    entry.symlink_to(elsewhere)
    assert cache.get(SMALL.read_bytes()) is None


def test_no_home_folder_means_no_cache_not_a_crash(monkeypatch: pytest.MonkeyPatch) -> None:
    def homeless() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setenv("DIGIVISIO_CACHE", "on")
    monkeypatch.delenv("DIGIVISIO_CACHE_DIR", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setattr(Path, "home", homeless)
    assert cache.cache_dir() is None
    assert load(SMALL).measures


def test_pruning_keeps_the_newest_entries_by_time_and_young_temporary_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import time

    now = 2_000_000_000.0
    monkeypatch.setattr(time, "time", lambda: now)
    folder = tmp_path / "c"
    folder.mkdir()
    # Named against their age: the newest has the smallest name, so no order but time's is right.
    entries = [folder / f"{n:040x}.pickle" for n in range(cache.KEEP + 3)]
    for age, path in enumerate(entries):
        path.write_bytes(b"x")
        os.utime(path, (now - 10 * age, now - 10 * age))
    kept = folder / ("f" * 40 + ".pickle")
    kept.write_bytes(b"x")
    os.utime(kept, (0, 0))  # the entry just written is kept however old its time
    temporary = {age: folder / f".tmp-{age}.pickle" for age in (10, 3600, 3601)}
    for age, path in temporary.items():
        path.write_bytes(b"x")
        os.utime(path, (now - age, now - age))
    cache._prune(folder, keep=kept.name)
    left = {p.name for p in folder.iterdir()}
    assert left == {p.name for p in entries[: cache.KEEP - 1]} | {kept.name} | {
        temporary[10].name,
        temporary[3600].name,  # an hour exactly is not yet abandoned
    }


def test_removing_a_file_already_gone_is_quiet(tmp_path: Path) -> None:
    cache._remove(tmp_path / "gone.pickle")


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_a_folder_is_private_unless_missing_or_writable_by_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "c"
    assert not cache._private(folder)  # missing
    folder.mkdir()
    for mode, private in [
        (0o700, True),
        (0o701, True),
        (0o755, True),
        (0o720, False),
        (0o702, False),
    ]:
        folder.chmod(mode)
        assert cache._private(folder) is private, oct(mode)
    folder.chmod(0o777)
    monkeypatch.delattr(os, "getuid")  # no POSIX owners (Windows): the user's folder is trusted
    assert cache._private(folder) is True


def test_an_entry_of_one_kind_never_answers_for_another(cache_dir: Path) -> None:
    dataset = load(SMALL)
    cache.put(b"same bytes", dataset, kind="status")
    assert cache.get(b"same bytes", kind="measures") is None
    assert cache.get(b"same bytes", kind="status") == dataset
    cache.put(b"other bytes", dataset, kind="measures")
    assert cache.get(b"other bytes", kind="status") is None


@pytest.mark.parametrize("switch", ["off", "0", "no", "false", " OFF ", "False"])
def test_the_cache_is_switched_off_by_any_of_the_usual_words(
    switch: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DIGIVISIO_CACHE_DIR", str(tmp_path))
    monkeypatch.setenv("DIGIVISIO_CACHE", switch)
    assert cache.cache_dir() is None


def test_the_cache_folder_is_the_given_absolute_one_or_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DIGIVISIO_CACHE", "on")
    monkeypatch.setenv("DIGIVISIO_CACHE_DIR", str(tmp_path / "mine"))
    assert cache.cache_dir() == tmp_path / "mine"
    monkeypatch.setenv("DIGIVISIO_CACHE_DIR", "relative/cache")
    assert cache.cache_dir() is None


@pytest.mark.parametrize(
    ("platform", "env", "expected"),
    [
        ("win32", {"LOCALAPPDATA": "/lad"}, "/lad/digivisio"),
        ("win32", {}, "{home}/AppData/Local/digivisio"),
        ("darwin", {"XDG_CACHE_HOME": "/xdg"}, "{home}/Library/Caches/digivisio"),
        ("linux", {"XDG_CACHE_HOME": "/xdg"}, "/xdg/digivisio"),
        ("linux", {"XDG_CACHE_HOME": "relative"}, "{home}/.cache/digivisio"),
        ("linux", {}, "{home}/.cache/digivisio"),
    ],
)
def test_the_cache_folder_follows_each_systems_convention(
    platform: str,
    env: dict[str, str],
    expected: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("DIGIVISIO_CACHE", "on")
    for name in ("DIGIVISIO_CACHE_DIR", "LOCALAPPDATA", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setattr(cache.sys, "platform", platform)
    assert cache.cache_dir() == Path(expected.format(home=tmp_path))


def test_the_code_fingerprint_covers_every_data_and_domain_module_and_the_validators() -> None:
    import digivisio_cli

    package = Path(digivisio_cli.__file__).parent
    parts = cache._code_fingerprint().split(",")
    named = {p.split("=")[0] for p in parts}
    expected = {f"{d}/{f.name}" for d in ("data", "domain") for f in (package / d).glob("*.py")}
    assert expected <= named and "data/cache.py" in named and "domain/model.py" in named
    stamps = dict(p.split("=", 1) for p in parts)
    assert stamps["yaml"] != "-" and stamps["pydantic"] != "-"  # both installed here
    assert all(":" in stamps[n] for n in expected)  # size:mtime of each file


def test_a_validator_not_found_on_the_path_is_marked_as_missing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(cache.sys, "path", [])
    stamps = dict(p.split("=", 1) for p in cache._code_fingerprint().split(","))
    assert (stamps["yaml"], stamps["pydantic"]) == ("-", "-")
    assert cache._stamp(Path("/no/such/file.py")) == "?"


def test_the_default_kind_of_a_key_is_the_matrix() -> None:
    assert cache.key(b"x") == cache.key(b"x", "measures") != cache.key(b"x", "status")


@pytest.mark.parametrize(
    "stored",
    [
        ("digivisio-cache-0", "KEY", "value"),  # another format
        ("digivisio-cache-1", "other", "value"),  # another key's entry, renamed
        ("digivisio-cache-1", "KEY", 42),  # not what was asked for
    ],
)
def test_an_entry_that_is_not_exactly_the_asked_for_is_a_miss_and_removed(
    cache_dir: Path, stored: tuple[object, ...]
) -> None:
    import pickle

    k = "a" * 40
    cache_dir.mkdir(mode=0o700)
    entry = cache_dir / f"{k}.pickle"
    entry.write_bytes(pickle.dumps(tuple(k if part == "KEY" else part for part in stored)))
    assert cache.lookup(k, str) is None
    assert not entry.exists()
    entry.write_bytes(pickle.dumps(("digivisio-cache-1", k, "value")))
    assert cache.lookup(k, str) == "value"


def test_an_entry_is_written_through_a_temporary_file_the_pruning_recognises(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    replaced: list[tuple[str, str]] = []
    real = os.replace

    def spy(src: str, dst: object) -> None:
        replaced.append((str(src), str(dst)))
        real(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(cache.os, "replace", spy)
    cache.store("b" * 40, "value")
    ((tmp, final),) = replaced
    assert Path(tmp).parent == cache_dir and cache._OURS.fullmatch(Path(tmp).name)
    assert Path(tmp).name.startswith(".tmp-") and final == str(cache_dir / ("b" * 40 + ".pickle"))

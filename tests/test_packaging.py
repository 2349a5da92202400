"""The distributions as users get them: the wheel and the sdist, built, installed and imported.

The wheel is built once per session with the maturin of this environment (``maturin build
--release``, reusing the release artifacts of ``make build-dev`` in ``target/``), the sdist with
``maturin sdist``; the wheel built from the extracted sdist starts from an empty target
directory, offline, with the shipped ``Cargo.lock``. Each wheel goes into a fresh virtual
environment made by this interpreter, where a script runs a real ``aiter``/``anext`` round trip
outside the source tree. The version has one source, ``Cargo.toml``; every artefact must carry
it.
"""

from __future__ import annotations

import base64
import email.parser
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path, PurePosixPath

import pytest
from packaging.utils import canonicalize_name, parse_sdist_filename, parse_wheel_filename

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "python" / "asyncitertools"
MATURIN = Path(sys.executable).parent / "maturin"

# Builds and fresh environments take far longer than pyproject's per-test limit.
pytestmark = pytest.mark.timeout(900)

# Environment variables that would make a subprocess see something else than what it builds or
# installs: another interpreter's paths, another virtual environment, another index.
UNSET = (
    "PYTHONPATH",
    "PYTHONHOME",
    "PYTHONSTARTUP",
    "PYTHONUSERBASE",
    "VIRTUAL_ENV",
    "CONDA_PREFIX",
    "MATURIN_PEP517_ARGS",
    "MYPYPATH",
    "PIP_INDEX_URL",
    "PIP_EXTRA_INDEX_URL",
    "PIP_FIND_LINKS",
    "PIP_REQUIRE_VIRTUALENV",
)

# What must be in the sdist, besides every file of src/ and python/asyncitertools/.
SDIST_REQUIRED = (
    "Cargo.toml",
    "Cargo.lock",
    "build.rs",
    "pyproject.toml",
    "README.md",
    "LICENSE",
    "PKG-INFO",
    "src/lib.rs",
    "python/asyncitertools/__init__.py",
    "python/asyncitertools/_native.pyi",
    "python/asyncitertools/py.typed",
)
# Directories that are build outputs, caches or local state, never sources.
FORBIDDEN_DIRS = {
    "target",
    "dist",
    "__pycache__",
    ".git",
    ".mypy_cache",
    ".pytest_cache",
    ".ruff_cache",
    ".hypothesis",
}
FORBIDDEN_SUFFIXES = (".so", ".pyd", ".dylib", ".dll", ".whl", ".pyc", ".tar.gz")

# Run in a fresh environment, from a directory outside the source tree: where the package was
# imported from, and a round trip through aiter and anext, with and without a default.
SMOKE = """
import asyncio
import json
import sys

import asyncitertools
import asyncitertools.builtins
from asyncitertools import aiter, anext


async def countdown(n):
    while n:
        yield n
        n -= 1


class Cursor:
    def __init__(self):
        self.rows = ["a", "b"]

    def __aiter__(self):
        return self

    async def __anext__(self):
        await asyncio.sleep(0)
        if not self.rows:
            raise StopAsyncIteration
        return self.rows.pop(0)


async def main():
    got = []
    it = aiter(countdown(2))
    got.append(await anext(it))
    got.append(await anext(it, "default"))
    got.append(await anext(it, "default"))
    try:
        await anext(it)
    except StopAsyncIteration:
        got.append("StopAsyncIteration")
    cursor = Cursor()
    got.append(await anext(aiter(cursor)))
    got.append(await anext(cursor, None))
    got.append(await anext(cursor, None))
    got.append(await anext(cursor, ()))
    try:
        aiter([1])
    except TypeError as exc:
        got.append(str(exc))
    return got


print(json.dumps({
    "prefix": sys.prefix,
    "package": asyncitertools.__file__,
    "native": asyncitertools._native.__file__,
    "version": asyncitertools.__version__,
    "same_functions": (
        asyncitertools.builtins.aiter is aiter and asyncitertools.builtins.anext is anext
    ),
    "awaitable_type": type(anext(countdown(1), None)).__qualname__,
    "round_trip": asyncio.run(main()),
}))
"""

EXPECTED_ROUND_TRIP = [
    2,
    1,
    "default",
    "StopAsyncIteration",
    "a",
    "b",
    None,
    [],  # the tuple default, returned as it is (gh-128078); JSON makes it a list
    "'list' object is not an async iterable",
]

# mypy against the installed package only (PEP 561: py.typed and _native.pyi). The unused-ignore
# check makes the `# type: ignore[arg-type]` line an assertion that the stub's types apply.
TYPED = """
import asyncitertools
from asyncitertools import aiter
from asyncitertools.builtins import anext

reveal_type(asyncitertools.__version__)
aiter([1])  # type: ignore[arg-type]
anext(1)  # type: ignore[call-overload]
"""


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in UNSET}
    env.update(PIP_DISABLE_PIP_VERSION_CHECK="1", PIP_NO_INPUT="1", PYTHONNOUSERSITE="1")
    env.update(extra)
    return env


def run(
    cmd: Sequence[str | Path], *, cwd: Path, env: Mapping[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``cmd``; on failure, fail the test with its output."""
    result = subprocess.run(
        [str(c) for c in cmd],
        cwd=cwd,
        env=clean_env() if env is None else dict(env),
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        pytest.fail(
            f"exit status {result.returncode}: {' '.join(map(str, cmd))}\n"
            f"--- stdout\n{result.stdout[-6000:]}\n--- stderr\n{result.stderr[-6000:]}",
            pytrace=False,
        )
    return result


def only_file(directory: Path, pattern: str) -> Path:
    found = sorted(directory.glob(pattern))
    assert len(found) == 1, f"expected one {pattern} in {directory}, found {found}"
    return found[0]


def fresh_venv(directory: Path) -> Path:
    """A new virtual environment made by this interpreter; returns its python."""
    run([sys.executable, "-m", "venv", directory], cwd=directory.parent)
    python = directory / "bin" / "python"
    assert python.exists(), python
    return python


def install(python: Path, wheel: Path) -> None:
    run([python, "-m", "pip", "install", "--no-index", "--no-deps", wheel], cwd=wheel.parent)


def smoke(python: Path, cwd: Path) -> dict[str, object]:
    out = run([python, "-c", SMOKE], cwd=cwd).stdout
    return json.loads(out.strip().splitlines()[-1])


def check_smoke(report: Mapping[str, object], version: str) -> None:
    prefix = Path(str(report["prefix"]))
    package = Path(str(report["package"]))
    native = Path(str(report["native"]))
    assert report["version"] == version
    assert package.is_relative_to(prefix), (package, prefix)
    assert not package.is_relative_to(ROOT), package
    assert native.parent == package.parent, (native, package)
    assert native.name == "_native" + sysconfig.get_config_var("EXT_SUFFIX")
    # The stubs are installed next to the code.
    assert (package.parent / "py.typed").is_file()
    assert (package.parent / "_native.pyi").read_text() == (PACKAGE / "_native.pyi").read_text()
    assert report["same_functions"] is True
    assert report["awaitable_type"] == "anext_awaitable"
    assert report["round_trip"] == EXPECTED_ROUND_TRIP


def package_sources() -> set[str]:
    """The files of python/asyncitertools/ that ship, relative to python/: no build outputs."""
    return {
        path.relative_to(PACKAGE.parent).as_posix()
        for path in PACKAGE.rglob("*")
        if path.is_file()
        and "__pycache__" not in path.parts
        and path.suffix not in {".so", ".pyd", ".pyc"}
    }


@pytest.fixture(scope="module")
def version() -> str:
    """The version in Cargo.toml, as cargo reads it."""
    cargo = shutil.which("cargo")
    assert cargo, "cargo is not on PATH"
    out = run(
        [cargo, "metadata", "--no-deps", "--offline", "--format-version", "1"], cwd=ROOT
    ).stdout
    (package,) = [p for p in json.loads(out)["packages"] if p["name"] == "asyncitertools"]
    return str(package["version"])


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The release wheel of the working tree, for this interpreter."""
    out = tmp_path_factory.mktemp("wheel")
    # The same VIRTUAL_ENV as `make build-dev` gives cargo the same environment, so the release
    # artifacts in target/ are reused instead of rebuilt.
    env = clean_env(VIRTUAL_ENV=sys.prefix)
    run(
        [MATURIN, "build", "--release", "--interpreter", sys.executable, "--out", out],
        cwd=ROOT,
        env=env,
    )
    return only_file(out, "*.whl")


@pytest.fixture(scope="module")
def wheel_python(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment with the wheel installed; its python."""
    python = fresh_venv(tmp_path_factory.mktemp("wheel-venv") / "venv")
    install(python, wheel)
    return python


@pytest.fixture(scope="module")
def sdist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("sdist")
    run([MATURIN, "sdist", "--out", out], cwd=ROOT)
    return only_file(out, "*.tar.gz")


def test_wheel_name(wheel: Path, version: str) -> None:
    name, wheel_version, build, tags = parse_wheel_filename(wheel.name)
    assert name == canonicalize_name("asyncitertools")
    assert str(wheel_version) == version
    assert build == ()
    interpreter = f"cp{sys.version_info[0]}{sys.version_info[1]}"
    abi = interpreter + sys.abiflags  # "cp311d" for a debug interpreter
    assert {(tag.interpreter, tag.abi) for tag in tags} == {(interpreter, abi)}


def test_wheel_contents(wheel: Path, version: str) -> None:
    dist_info = f"asyncitertools-{version}.dist-info"
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        native = "asyncitertools/_native" + sysconfig.get_config_var("EXT_SUFFIX")
        # The package: its sources and stubs, and one extension module, for this interpreter.
        assert {n for n in names if not n.startswith(dist_info + "/")} == package_sources() | {
            native
        }
        for source in package_sources():
            assert zf.read(source) == (PACKAGE.parent / source).read_bytes(), source
        # The metadata.
        assert {f"{dist_info}/{n}" for n in ("METADATA", "WHEEL", "RECORD")} <= names
        assert zf.read(f"{dist_info}/licenses/LICENSE") == (ROOT / "LICENSE").read_bytes()
        metadata = email.parser.HeaderParser().parsestr(zf.read(f"{dist_info}/METADATA").decode())
        assert metadata["Name"] == "asyncitertools"
        assert metadata["Version"] == version
        assert metadata["Requires-Python"] == ">=3.10"
        assert metadata["License-File"] == "LICENSE"
        assert "Typing :: Typed" in metadata.get_all("Classifier", [])
        wheel_meta = email.parser.HeaderParser().parsestr(zf.read(f"{dist_info}/WHEEL").decode())
        assert wheel_meta["Root-Is-Purelib"] == "false"
        # RECORD lists every file with its hash and size, as pip checks on install.
        record: dict[str, tuple[str, str]] = {}
        for line in zf.read(f"{dist_info}/RECORD").decode().splitlines():
            path, digest, size = line.rsplit(",", 2)
            record[path] = (digest, size)
        assert set(record) == names
        for path, (digest, size) in record.items():
            if path == f"{dist_info}/RECORD":
                continue
            data = zf.read(path)
            sha = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
            assert (digest, size) == (f"sha256={sha}", str(len(data))), path


def test_wheel_installs_and_runs(wheel_python: Path, version: str, tmp_path: Path) -> None:
    check_smoke(smoke(wheel_python, tmp_path), version)


def test_pip_install_of_the_source_tree(version: str, tmp_path: Path) -> None:
    """`pip install .` as a user runs it: a fresh virtual environment, pip's build isolation
    (which fetches maturin from the package index), a release build, then the round trip."""
    python = fresh_venv(tmp_path / "venv")
    # Its own target directory, kept between runs: cargo reuses what it can.
    env = clean_env(CARGO_TARGET_DIR=str(ROOT / "target" / "pip-install"))
    run([python, "-m", "pip", "install", "--no-deps", "."], cwd=ROOT, env=env)
    check_smoke(smoke(python, tmp_path), version)


def test_wheel_is_typed(wheel_python: Path, tmp_path: Path) -> None:
    """mypy finds the installed package's types, and they are not Any."""
    (tmp_path / "uses_asyncitertools.py").write_text(TYPED)
    (tmp_path / "mypy.ini").write_text("[mypy]\n")
    result = run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--python-executable",
            wheel_python,
            "--strict",
            "--warn-unused-ignores",
            "--cache-dir",
            tmp_path / "mypy-cache",
            "--config-file",
            tmp_path / "mypy.ini",
            "uses_asyncitertools.py",
        ],
        cwd=tmp_path,
    )
    assert re.search(r'Revealed type is "(builtins\.)?str"', result.stdout), result.stdout


def test_sdist_contents(sdist: Path, version: str) -> None:
    name, sdist_version = parse_sdist_filename(sdist.name)
    assert name == canonicalize_name("asyncitertools")
    assert str(sdist_version) == version
    top = f"asyncitertools-{version}"
    with tarfile.open(sdist) as tf:
        members = {m.name: m for m in tf.getmembers()}
        files = {
            PurePosixPath(n).relative_to(top).as_posix() for n, m in members.items() if m.isfile()
        }
        assert all(n == top or n.startswith(top + "/") for n in members), sorted(members)
        pkg_info = tf.extractfile(f"{top}/PKG-INFO")
        assert pkg_info is not None
        metadata = email.parser.HeaderParser().parsestr(pkg_info.read().decode())
    assert metadata["Name"] == "asyncitertools"
    assert metadata["Version"] == version

    rust = {p.relative_to(ROOT).as_posix() for p in (ROOT / "src").rglob("*.rs")}
    python = {f"python/{source}" for source in package_sources()}
    missing = (set(SDIST_REQUIRED) | rust | python) - files
    assert not missing, f"missing from the sdist: {sorted(missing)}"

    def forbidden(path: str) -> bool:
        parts = PurePosixPath(path).parts
        return (
            bool(FORBIDDEN_DIRS.intersection(parts[:-1]))
            or any(part.startswith(".venv") for part in parts)
            or path.startswith("benchmarks/results/")
            or path.endswith(FORBIDDEN_SUFFIXES)
        )

    unwanted = sorted(f for f in files if forbidden(f))
    assert not unwanted, f"build outputs or local state in the sdist: {unwanted}"


def test_wheel_from_sdist(sdist: Path, version: str, tmp_path: Path) -> None:
    """The sdist alone builds, offline and with its own Cargo.lock, the way pip builds it."""
    with tarfile.open(sdist) as tf:
        if hasattr(tarfile, "data_filter"):
            tf.extractall(tmp_path / "src", filter="data")
        else:  # CPython releases before the extraction filters
            tf.extractall(tmp_path / "src")
    source = only_file(tmp_path / "src", "asyncitertools-*")
    assert source.name == f"asyncitertools-{version}"
    out = tmp_path / "wheelhouse"
    env = clean_env(
        CARGO_NET_OFFLINE="true",
        CARGO_TARGET_DIR=str(tmp_path / "target"),
        # Fails if Cargo.lock is missing or out of date instead of resolving again.
        MATURIN_PEP517_ARGS="--locked",
    )
    # No build isolation: the maturin of this environment is the build backend, and pip
    # needs no index.
    run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            "--wheel-dir",
            out,
            source,
        ],
        cwd=tmp_path,
        env=env,
    )
    built = only_file(out, "*.whl")
    name, wheel_version, _, _ = parse_wheel_filename(built.name)
    assert (name, str(wheel_version)) == (canonicalize_name("asyncitertools"), version)

    python = fresh_venv(tmp_path / "venv")
    install(python, built)
    check_smoke(smoke(python, tmp_path), version)


@pytest.mark.parametrize("artifact", ["wheel", "sdist"])
def test_twine_check_passes(artifact: str, request: pytest.FixtureRequest) -> None:
    """What PyPI checks before it accepts an upload: the metadata, and that the long
    description (README.md, as Markdown) renders."""
    path = request.getfixturevalue(artifact)
    done = run([sys.executable, "-m", "twine", "check", "--strict", path], cwd=ROOT)
    assert "PASSED" in done.stdout


def test_the_metadata_says_what_the_package_is(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        (name,) = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
        metadata = email.message_from_bytes(archive.read(name))
    keywords = metadata["Keywords"].split(",")
    assert {"async", "asyncio", "trio", "itertools", "aiter", "anext"} <= set(keywords)
    assert metadata["Description-Content-Type"].startswith("text/markdown")
    classifiers = metadata.get_all("Classifier")
    assert "Typing :: Typed" in classifiers and "Framework :: AnyIO" in classifiers

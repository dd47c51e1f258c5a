#!/usr/bin/python3
# test-translations.py: every user-visible string is listed, extracted and translated into
# Thai, and the catalogue the build makes is the one the programs load.
#
# Copyright 2026 The ESC Assessor Authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import re
import subprocess
import sys
import tempfile

SOURCE = os.environ.get("ESC_SOURCE_DIR", ".")
BUILD = os.environ.get("ESC_BUILD_DIR", "build")
MARKS = re.compile(r'\b(?:N?C?_|g_dngettext|ngettext) \(|translatable="yes"')
KEYWORDS = ["--keyword=_", "--keyword=N_", "--keyword=C_:1c,2", "--keyword=NC_:1c,2",
            "--keyword=ngettext:1,2", "--keyword=g_dngettext:2,3"]

results = []


def case(name):
    def wrap(function):
        results.append((name, function))
        return function
    return wrap


def listed_files():
    with open(os.path.join(SOURCE, "po", "POTFILES.in"), encoding="utf-8") as f:
        return [line.strip() for line in f if line.strip() and not line.startswith("#")]


@case("every source file with translatable strings is in po/POTFILES.in")
def all_files_listed():
    listed = set(listed_files())
    missing = []
    for top in ("src", "ui"):
        for folder, _dirs, files in os.walk(os.path.join(SOURCE, top)):
            for name in files:
                if not name.endswith((".c", ".ui")):
                    continue
                path = os.path.join(folder, name)
                rel = os.path.relpath(path, SOURCE)
                with open(path, encoding="utf-8") as f:
                    if MARKS.search(f.read()) and rel not in listed:
                        missing.append(rel)
    assert not missing, "not in po/POTFILES.in: " + ", ".join(sorted(missing))
    for rel in listed:
        assert os.path.exists(os.path.join(SOURCE, rel)), f"po/POTFILES.in lists a missing file {rel}"


@case("po/th.po is a valid catalogue")
def catalogue_valid():
    subprocess.run(["msgfmt", "-c", "-o", os.devnull, os.path.join(SOURCE, "po", "th.po")],
                   check=True, capture_output=True)


@case("every message of the sources has a Thai translation")
def all_translated():
    with tempfile.TemporaryDirectory() as tmp:
        pot = os.path.join(tmp, "all.pot")
        merged = os.path.join(tmp, "merged.po")
        subprocess.run(["xgettext", "--from-code=UTF-8", "--add-comments", *KEYWORDS,
                        "-D", SOURCE, "-f", os.path.join(SOURCE, "po", "POTFILES.in"), "-o", pot],
                       check=True, capture_output=True)
        subprocess.run(["msgmerge", "--quiet", "--no-fuzzy-matching", "-o", merged,
                        os.path.join(SOURCE, "po", "th.po"), pot], check=True, capture_output=True)
        missing = subprocess.run(["msgattrib", "--untranslated", "--no-obsolete", merged],
                                 check=True, capture_output=True, text=True).stdout
        fuzzy = subprocess.run(["msgattrib", "--only-fuzzy", "--no-obsolete", merged],
                               check=True, capture_output=True, text=True).stdout
    # The header entry (msgid "") is always listed by --only-fuzzy/--untranslated output.
    untranslated = [m for m in re.findall(r'^msgid "(.*)"$', missing, re.M) if m]
    unsure = [m for m in re.findall(r'^msgid "(.*)"$', fuzzy, re.M) if m]
    assert not untranslated, f"{len(untranslated)} messages without Thai: {untranslated[:10]}"
    assert not unsure, f"{len(unsure)} messages whose Thai does not match (fuzzy): {unsure[:10]}"


@case("esc-cli speaks Thai from the build tree when LANGUAGE=th")
def cli_loads_catalogue():
    cli = os.path.join(BUILD, "src", "cli", "esc-cli")
    env = {**os.environ, "LANGUAGE": "th", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}
    env.pop("ESC_LOCALE_DIR", None)
    result = subprocess.run([cli, "show"], capture_output=True, text=True, env=env)
    assert result.returncode == 1, result
    assert re.search(r"[\u0e00-\u0e7f]", result.stderr), f"no Thai in {result.stderr!r}"
    env["LANGUAGE"] = "en"
    result = subprocess.run([cli, "show"], capture_output=True, text=True, env=env)
    assert not re.search(r"[\u0e00-\u0e7f]", result.stderr), f"Thai in English: {result.stderr!r}"


def main():
    print(f"1..{len(results)}")
    failed = 0
    for number, (name, function) in enumerate(results, 1):
        try:
            function()
            print(f"ok {number} {name}")
        except Exception as error:  # noqa: BLE001 - every failure is reported as TAP
            failed += 1
            print(f"not ok {number} {name}")
            for line in str(error).splitlines() or [repr(error)]:
                print(f"# {line}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

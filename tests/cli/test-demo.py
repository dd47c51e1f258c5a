#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The Sisaket demo workspace built from data/demo (TAP)."""

import json
import os
import subprocess
import sys

BUILD = os.environ.get("ESC_BUILD_DIR", "build")
CLI = os.path.join(BUILD, "src", "cli", "esc-cli")
DEMO = os.path.join(BUILD, "data", "demo", "demo.esca")
# The four with earlier ESC results in the open data (esc-reference.json).
EARLIER = {"เทศบาลเมืองศรีสะเกษ", "เทศบาลตำบลเมืองจันทร์", "เทศบาลตำบลส้มป่อย", "เทศบาลตำบลขุนหาญ"}


def cli(*args):
    return subprocess.run([CLI, *args], capture_output=True, text=True, check=True).stdout


checks = []


def check(name):
    def wrap(fn):
        checks.append((name, fn))
        return fn
    return wrap


@check("14 local governments are volunteers or earlier participants")
def _():
    rows = json.loads(cli("participation", "list", DEMO, "--year", "2570", "--json"))
    flagged = {r["lao"] for r in rows if r["volunteered"] or r["took_part_before"]}
    assert len(flagged) == 14, sorted(flagged)
    before = {r["lao"] for r in rows if r["took_part_before"]}
    assert EARLIER <= before, before
    assert all(r["district"] for r in rows)
    # And the group reaches out beyond them.
    assert any(not r["volunteered"] and not r["took_part_before"] for r in rows), rows
    assert any(r["outreach"] for r in rows)


@check("targets for 2569-2571, per district too")
def _():
    shown = json.loads(cli("targets", "show", DEMO, "--plan", "แผน 3 ปี 2569–2571", "--json"))
    assert [c["fiscal_year"] for c in shown["province"]] == [2569, 2570, 2571], shown
    assert all(c["target"] is not None and c["target"] > 0 for c in shown["province"]), shown
    assert any(c["district"] and c["target"] for c in shown["districts"]), shown
    assert shown["province"][1]["actual"] > 0


@check("a few assessments in progress")
def _():
    summary = json.loads(cli("readiness", DEMO, "--year", "2570", "--json"))
    laos = {name for entry in summary for name in entry["laos"]}
    assert 3 <= len(laos) <= 6, laos
    one = json.loads(cli("readiness", DEMO, "--year", "2570", "--lao", "เทศบาลตำบลส้มป่อย", "--json"))
    assert 0 < len(one["gaps"]) <= one["items"], one


print("1..%d" % len(checks))
failed = 0
for i, (name, fn) in enumerate(checks, 1):
    try:
        fn()
        print("ok %d %s" % (i, name))
    except Exception as e:  # noqa: BLE001
        failed += 1
        print("not ok %d %s" % (i, name))
        for line in str(e).splitlines():
            print("# " + line)
sys.exit(1 if failed else 0)

#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""esc-cli participation, targets, readiness and report, end to end (TAP)."""

import json
import os
import re
import subprocess
import sys
import tempfile

BUILD = os.environ.get("ESC_BUILD_DIR", "build")
SOURCE = os.environ.get("ESC_SOURCE_DIR", ".")
CLI = os.path.join(BUILD, "src", "cli", "esc-cli")
LAOS = os.path.join(SOURCE, "data", "laos", "sisaket.csv")

results = []


def cli(*args, expect=0, env=None):
    proc = subprocess.run([CLI, *args], capture_output=True, text=True,
                          env=dict(os.environ, **(env or {})))
    if proc.returncode != expect:
        raise AssertionError("esc-cli %s exited %d, expected %d\n%s%s"
                             % (" ".join(args), proc.returncode, expect, proc.stdout, proc.stderr))
    return proc


def test(name):
    def wrap(fn):
        results.append((name, fn))
        return fn
    return wrap


def squeeze(text):
    """pdftotext may put a space where a Thai mark sits over a tall consonant."""
    return re.sub(r"\s+", "", text)


tmp = tempfile.mkdtemp(prefix="esc-province-cli-")
ws = os.path.join(tmp, "w.esca")


@test("a workspace with the Sisaket list")
def _():
    cli("new", ws, "--laos", LAOS)


@test("participation set walks the statuses and refuses what the rules forbid")
def _():
    lao = "เทศบาลตำบลส้มป่อย"
    cli("participation", "set", ws, "--lao", lao, "--year", "2570", "--status", "invited",
        "--volunteered", "yes", "--took-part-before", "yes", "--contact", "กองสาธารณสุข")
    # Submitting before registering in SAR is refused, with a message naming both statuses.
    proc = cli("participation", "set", ws, "--lao", lao, "--year", "2570", "--status", "submitted",
               expect=2)
    assert "SAR" in proc.stderr, proc.stderr
    # A rating without a result is refused too; nothing changed.
    cli("participation", "set", ws, "--lao", lao, "--year", "2570", "--result", "ดีมาก", expect=2)
    cli("participation", "set", ws, "--lao", lao, "--year", "2570", "--status", "registered")
    cli("participation", "set", ws, "--lao", lao, "--year", "2570", "--status", "submitted")
    cli("participation", "set", ws, "--lao", lao, "--year", "2570", "--status", "result",
        "--result", "ดีมาก")
    # Out of a result only as a correction.
    cli("participation", "set", ws, "--lao", lao, "--year", "2570", "--status", "preparing", expect=2)
    rows = json.loads(cli("participation", "list", ws, "--year", "2570", "--json").stdout)
    assert len(rows) == 1, rows
    row = rows[0]
    assert row["status"] == "result" and row["result"] == "very-good", row
    assert row["volunteered"] and row["took_part_before"] and row["contact"] == "กองสาธารณสุข", row
    assert row["district"] == "ราษีไศล", row


@test("usage errors exit 1, data errors exit 2")
def _():
    cli("participation", "set", ws, "--lao", "เทศบาลตำบลส้มป่อย", "--status", "invited", expect=1)
    cli("participation", "set", ws, "--lao", "เทศบาลตำบลส้มป่อย", "--year", "2570",
        "--status", "registred", expect=1)
    proc = cli("participation", "set", ws, "--lao", "เทศบาลตำบลส้มป่อย", "--year", "2027",
               "--status", "invited", expect=2)
    assert "2570" in proc.stderr, proc.stderr  # suggests the Buddhist-era year
    cli("participation", "set", ws, "--lao", "ไม่มีชื่อนี้", "--year", "2570", "--status", "invited",
        expect=2)


@test("the outreach log keeps dates in พ.ศ. or ค.ศ.")
def _():
    cli("participation", "log", ws, "--lao", "เทศบาลตำบลขุนหาญ", "--date", "2569-10-15",
        "--kind", "letter", "--notes", "หนังสือเชิญ")
    cli("participation", "log", ws, "--lao", "เทศบาลตำบลขุนหาญ", "--date", "2569-02-30",
        "--kind", "visit", expect=2)
    cli("participation", "log", ws, "--lao", "เทศบาลตำบลขุนหาญ", "--date", "2569-10-16",
        "--kind", "email", expect=1)
    cli("participation", "set", ws, "--lao", "เทศบาลตำบลขุนหาญ", "--year", "2570",
        "--status", "registered")
    rows = json.loads(cli("participation", "list", ws, "--year", "2570", "--json").stdout)
    khun_han = [r for r in rows if r["lao"] == "เทศบาลตำบลขุนหาญ"][0]
    # 15 Oct 2569 BE is 15 Oct 2026, stored in ISO form, in fiscal year 2570.
    assert khun_han["outreach"] == [{"date": "2026-10-15", "kind": "letter", "notes": "หนังสือเชิญ"}], khun_han


@test("targets: a 3-year plan with district targets, shown against participants")
def _():
    plan = "แผน 3 ปี"
    cli("targets", "set", ws, "--plan", plan, "--first-year", "2569", "--years", "3",
        "--targets", "2,4,6")
    cli("targets", "set", ws, "--plan", plan, "--year", "2570", "--district", "ราษีไศล",
        "--target", "1")
    cli("targets", "set", ws, "--plan", plan, "--year", "2570", "--district", "ขุนหาญ",
        "--target", "2")
    # Outside the plan, an unknown district, a wrong number of yearly targets.
    cli("targets", "set", ws, "--plan", plan, "--year", "2572", "--target", "3", expect=2)
    cli("targets", "set", ws, "--plan", plan, "--year", "2570", "--district", "ไม่มีอำเภอนี้",
        "--target", "3", expect=2)
    cli("targets", "set", ws, "--plan", plan, "--targets", "1,2", expect=1)
    shown = json.loads(cli("targets", "show", ws, "--plan", plan, "--json").stdout)
    years = {c["fiscal_year"]: c for c in shown["province"]}
    assert [years[y]["target"] for y in (2569, 2570, 2571)] == [2, 4, 6], shown
    assert years[2570]["actual"] == 2, shown
    assert sorted(years[2570]["laos"]) == ["เทศบาลตำบลขุนหาญ", "เทศบาลตำบลส้มป่อย"], shown
    districts = {(c["fiscal_year"], c["district"]): c for c in shown["districts"]}
    assert districts[(2570, "ราษีไศล")]["target"] == 1
    assert districts[(2570, "ราษีไศล")]["actual"] == 1
    assert districts[(2570, "ขุนหาญ")]["laos"] == ["เทศบาลตำบลขุนหาญ"]
    assert shown["total_target"] == 12 and shown["distinct_laos"] == 2, shown
    # A spread replaces the yearly targets evenly.
    cli("targets", "set", ws, "--plan", plan, "--spread", "3:9")
    shown = json.loads(cli("targets", "show", ws, "--plan", plan, "--json").stdout)
    assert [c["target"] for c in shown["province"]] == [3, 6, 9], shown


@test("readiness lists what to prepare next")
def _():
    uuid = cli("assess", "new", ws, "--lao", "เทศบาลตำบลขุนหาญ", "--year", "2570").stdout.strip()
    cli("answer", "set", ws, "--assessment", uuid, "--indicator", "1", "--process", "10",
        "--output", "7", "--outcome", "13")
    cli("answer", "set", ws, "--assessment", uuid, "--indicator", "2", "--process", "2",
        "--output", "1", "--outcome", "3")
    one = json.loads(cli("readiness", ws, "--year", "2570", "--lao", "เทศบาลตำบลขุนหาญ",
                         "--json").stdout)
    gaps = {g["indicator"]: g["gaps"] for g in one["gaps"]}
    assert gaps["1"] == ["no-evidence"], gaps
    assert gaps["2"] == ["no-evidence", "below-pass"], gaps
    assert "no-score" in gaps["3"], gaps
    assert one["ready"] == 0 and one["items"] == len(one["gaps"]), one
    summary = json.loads(cli("readiness", ws, "--year", "2570", "--json").stdout)
    assert any(e["indicator"] == "2" and e["laos"] == ["เทศบาลตำบลขุนหาญ"] for e in summary), summary


def pdf_text(path):
    info = subprocess.run(["pdfinfo", path], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Pages:\s+1$", info, re.M), info
    png = path[:-4]
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-singlefile", path, png], check=True)
    with open(png + ".png", "rb") as f:
        assert f.read(8) == b"\x89PNG\r\n\x1a\n"
    return subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", path, "-"], capture_output=True,
                          text=True, check=True).stdout


@test("report lao writes one page with Thai text")
def _():
    cli("benefits", "set", ws, "--province", "ศรีสะเกษ", "--text", "ได้ทบทวนงานสิ่งแวดล้อมของตนเอง")
    out = os.path.join(tmp, "lao.pdf")
    # In Thai, the framework's wordings come in Thai too.
    cli("report", "lao", ws, "--lao", "เทศบาลตำบลขุนหาญ", "--year", "2570", "-o", out,
        env={"LANGUAGE": "th"})
    text = squeeze(pdf_text(out))
    for expected in ("เทศบาลตำบลขุนหาญ", "ขุนหาญ", "เมืองอยู่ดี", "คนมีสุข",
                     "ได้ทบทวนงานสิ่งแวดล้อมของตนเอง", "2570", "60%"):
        assert squeeze(expected) in text, (expected, text)


@test("report province writes one page with Thai text")
def _():
    out = os.path.join(tmp, "province.pdf")
    cli("report", "province", ws, "--year", "2570", "-o", out)
    text = squeeze(pdf_text(out))
    for expected in ("ศรีสะเกษ", "เทศบาลตำบลส้มป่อย", "ราษีไศล", "ได้ทบทวนงานสิ่งแวดล้อมของตนเอง"):
        assert squeeze(expected) in text, (expected, text)
    cli("report", "province", ws, "--year", "2570", "-o", "/nonexistent/dir/out.pdf", expect=2)


print("1..%d" % len(results))
failed = 0
for i, (name, fn) in enumerate(results, 1):
    try:
        fn()
        print("ok %d %s" % (i, name))
    except Exception as e:  # noqa: BLE001
        failed += 1
        print("not ok %d %s" % (i, name))
        for line in str(e).splitlines():
            print("# " + line)
sys.exit(1 if failed else 0)

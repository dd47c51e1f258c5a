#!/usr/bin/python3
# test-cli.py: esc-cli end to end, totals recomputed by hand from the framework file.
#
# Copyright 2026 The ESC Assessor Authors
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import shutil
import os
import sqlite3
import subprocess
import sys

sys.path.insert(0, os.path.dirname(__file__))
from tap import SOURCE, main, run, sha256, test, tmpdir  # noqa: E402

FRAMEWORK = os.path.join(SOURCE, "data", "frameworks", "esc-2568.json")
SISAKET = os.path.join(SOURCE, "data", "laos", "sisaket.csv")


def framework():
    with open(FRAMEWORK, encoding="utf-8") as f:
        return json.load(f)


def new_workspace(laos=SISAKET):
    path = os.path.join(tmpdir(), "ws.esca")
    args = ["new", path]
    if laos:
        args += ["--laos", laos]
    run(*args, check=0)
    return path


def laos_by_type(path):
    laos = json.loads(run("laos", "list", path, "--json", check=0).stdout)
    by_type = {}
    for lao in laos:
        by_type.setdefault(lao["type"], []).append(lao)
    return by_type


def expected_totals(fw, answers, lao_type):
    """Recomputes a show --json result by hand: answers maps item code to values."""
    pass_marks = {t["id"]: t["pass_mark_percent"] for t in fw["lao_types"]}

    def item_points(item):
        values = answers.get(item["code"], {})
        scoring = item["scoring"]
        if scoring["method"] == "lpa":
            return values.get("lpa", 0) / 100 * item["max_points"]
        return sum(values.get(k, 0) for k in scoring["dimensions"])

    components = {}
    for ind in fw["indicators"]:
        if ind["scoring"]["method"] == "parts":
            pts = [item_points(p) for p in ind["scoring"]["parts"]]
            points = sum(pts) / len(pts) if ind["scoring"]["combine"] == "mean" else sum(pts)
        else:
            points = item_points(ind)
        c = components.setdefault(ind["component"], [0, 0])
        c[0] += points
        c[1] += ind["max_points"]
    total = 0
    for comp in fw["components"]:
        points, mx = components[comp["id"]]
        total += comp["weight_percent"] / 100 * (points / mx * 100)
    mark = pass_marks.get(lao_type)
    return total, mark, (None if mark is None else total + 1e-9 >= mark)


def fill(path, assessment, fw, fraction, lpa_percent):
    """Gives every item the same fraction of its dimensions' maxima."""
    answers = {}

    def set_item(item):
        scoring = item["scoring"]
        if scoring["method"] == "lpa":
            answers[item["code"]] = {"lpa": lpa_percent}
            run("answer", "set", path, "--assessment", assessment, "--indicator", item["code"],
                "--lpa", str(lpa_percent), check=0)
            return
        values = {k: round(v * fraction, 2) for k, v in scoring["dimensions"].items()}
        answers[item["code"]] = values
        args = []
        for k, v in values.items():
            args += [f"--{k}", repr(v)]
        run("answer", "set", path, "--assessment", assessment, "--indicator", item["code"], *args,
            check=0)

    for ind in fw["indicators"]:
        if ind["scoring"]["method"] == "parts":
            for part in ind["scoring"]["parts"]:
                set_item(part)
        else:
            set_item(ind)
    return answers


def show(path, assessment):
    return json.loads(run("show", path, "--assessment", assessment, "--json", check=0).stdout)


@test
def framework_check_counts():
    result = run("framework", "check", FRAMEWORK, check=0)
    assert "4 components" in result.stdout, result.stdout
    assert "34 indicators" in result.stdout, result.stdout


@test
def laos_list_json_shape():
    path = new_workspace()
    laos = json.loads(run("laos", "list", path, "--json", check=0).stdout)
    with open(SISAKET, encoding="utf-8-sig") as f:
        rows = sum(1 for line in f if line.strip()) - 1
    assert len(laos) == rows, (len(laos), rows)
    for lao in laos:
        assert {"code", "name", "type", "district"} <= set(lao), lao
    assert any(lao["name"] == "เทศบาลเมืองศรีสะเกษ" for lao in laos)


@test
def totals_for_three_types_match_hand_computation():
    fw = framework()
    path = new_workspace()
    by_type = laos_by_type(path)
    cases = [("town", 0.7, 70.0), ("subdistrict", 0.6, 60.0), ("sao", 0.8, 55.0)]
    for lao_type, fraction, lpa in cases:
        lao = by_type[lao_type][0]
        assessment = run("assess", "new", path, "--lao", lao["name"], "--year", "2568",
                         "--assessor", "ทดสอบ", check=0).stdout.strip()
        answers = fill(path, assessment, fw, fraction, lpa)
        result = show(path, assessment)
        total, mark, passed = expected_totals(fw, answers, lao_type)
        assert abs(result["total_percent"] - round(total, 2)) < 0.006, (lao_type, result["total_percent"], total)
        assert result["pass_mark_percent"] == mark, (lao_type, result["pass_mark_percent"], mark)
        assert result["passed"] == passed, (lao_type, result["passed"], passed)
        assert result["complete"] == 34 and result["of"] == 34, result
        assert result["lao"]["type"] == lao_type
        assert result["year"] == 2568
        assert len(result["indicators"]) == 34
        assert len(result["components"]) == 4


@test
def pass_fail_boundary():
    fw = framework()
    path = new_workspace()
    town = laos_by_type(path)["town"][0]
    # Exactly 70 % passes a town municipality; one point less anywhere fails it.
    a = run("assess", "new", path, "--lao", town["name"], "--year", "2568", check=0).stdout.strip()
    answers = fill(path, a, fw, 0.7, 70)
    result = show(path, a)
    assert result["total_percent"] == 70.0, result["total_percent"]
    assert result["passed"] is True
    run("answer", "set", path, "--assessment", a, "--indicator", "1", "--process", "6", check=0)
    answers["1"]["process"] = 6
    result = show(path, a)
    total, mark, passed = expected_totals(fw, answers, "town")
    assert result["total_percent"] < 70 and passed is False and result["passed"] is False, result


@test
def lpa_80_percent_gives_24_points():
    path = new_workspace()
    town = laos_by_type(path)["town"][0]
    a = run("assess", "new", path, "--lao", town["name"], "--year", "2568", check=0).stdout.strip()
    run("answer", "set", path, "--assessment", a, "--indicator", "24", "--lpa", "80", check=0)
    ind = {i["code"]: i for i in show(path, a)["indicators"]}
    assert ind["24"]["points"] == 24, ind["24"]


@test
def indicator_19_combines_its_parts():
    path = new_workspace()
    town = laos_by_type(path)["town"][0]
    a = run("assess", "new", path, "--lao", town["name"], "--year", "2568", check=0).stdout.strip()
    run("answer", "set", path, "--assessment", a, "--indicator", "19.1", "--process", "10",
        "--output", "7", "--outcome", "13", check=0)
    run("answer", "set", path, "--assessment", a, "--indicator", "19.2", "--process", "4",
        "--output", "0", "--outcome", "0", check=0)
    ind = {i["code"]: i for i in show(path, a)["indicators"]}
    assert ind["19"]["points"] == 17, ind["19"]
    r = run("answer", "set", path, "--assessment", a, "--indicator", "19", "--process", "1", check=2)
    assert "19.1" in r.stderr, r.stderr


def assert_refused_unchanged(path, args, status, words):
    before = sha256(path)
    result = run(*args, check=status)
    after = sha256(path)
    assert before == after, "the file changed"
    assert result.stderr.startswith("esc-cli: ") and result.stderr.count("\n") == 1, result.stderr
    for word in words:
        assert word in result.stderr, (word, result.stderr)


@test
def not_sqlite_file_is_refused_unchanged():
    d = tmpdir()
    path = os.path.join(d, "notes.esca")
    with open(path, "w", encoding="utf-8") as f:
        f.write("บันทึกการประชุม\n" * 50)
    assert_refused_unchanged(path, ["laos", "list", path], 2, ["not a workspace"])
    assert_refused_unchanged(path, ["laos", "import", path, SISAKET], 2, ["not a workspace"])


@test
def sqlite_file_that_is_not_a_workspace_is_refused_unchanged():
    path = os.path.join(tmpdir(), "other.esca")
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE t (x)")
    db.execute("INSERT INTO t VALUES (1)")
    db.commit()
    db.close()
    assert_refused_unchanged(path, ["laos", "import", path, SISAKET], 2, ["not an ESC Assessor workspace"])


@test
def newer_schema_is_refused_unchanged():
    path = new_workspace()
    db = sqlite3.connect(path)
    db.execute("PRAGMA user_version = 99")
    db.commit()
    db.close()
    assert_refused_unchanged(path, ["laos", "import", path, SISAKET], 2, ["newer version"])
    assert_refused_unchanged(path, ["laos", "list", path], 2, ["newer version"])


@test
def read_only_file_is_refused_for_writes_unchanged():
    path = new_workspace()
    folder = os.path.dirname(path)
    os.chmod(path, 0o444)
    os.chmod(folder, 0o555)
    # root ignores file modes, so run as an unprivileged user there.
    prefix = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] if os.geteuid() == 0 else []
    # The unprivileged user may not reach the build folder: run a copy of the binary.
    bin_dir = tmpdir()
    os.chmod(bin_dir, 0o755)
    cli = shutil.copy(os.path.join(os.environ.get("ESC_BUILD_DIR", "build"), "src", "cli", "esc-cli"), bin_dir)
    try:
        before = sha256(path)
        result = subprocess.run(prefix + [cli, "assess", "new", path, "--lao", "เทศบาลเมืองศรีสะเกษ",
                                          "--year", "2568"], capture_output=True, text=True)
        assert result.returncode == 2, (result.returncode, result.stderr)
        assert "read-only" in result.stderr, result.stderr
        assert sha256(path) == before
        assert sorted(os.listdir(folder)) == ["ws.esca"], os.listdir(folder)
        result = subprocess.run(prefix + [cli, "laos", "list", path], capture_output=True, text=True)
        assert result.returncode == 0 and "เทศบาลเมืองศรีสะเกษ" in result.stdout, result.stderr
        assert sha256(path) == before
    finally:
        os.chmod(folder, 0o755)
        os.chmod(path, 0o644)


@test
def csv_with_bad_rows_imports_nothing():
    path = new_workspace(laos=None)
    bad = os.path.join(tmpdir(), "bad.csv")
    with open(bad, "w", encoding="utf-8") as f:
        f.write("code,name,type,district,province\n")
        f.write(",องค์การบริหารส่วนตำบลหนึ่ง,sao,เมืองศรีสะเกษ,ศรีสะเกษ\n")
        f.write(",องค์การบริหารส่วนตำบลสอง,ไม่มีประเภทนี้,เมืองศรีสะเกษ,ศรีสะเกษ\n")
        f.write(",,sao,เมืองศรีสะเกษ,ศรีสะเกษ\n")
    before = sha256(path)
    result = run("laos", "import", path, bad, check=2)
    assert sha256(path) == before
    assert ":3:" in result.stderr or "3" in result.stderr, result.stderr
    assert json.loads(run("laos", "list", path, "--json", check=0).stdout) == []


@test
def points_above_maximum_are_refused_unchanged():
    path = new_workspace()
    a = run("assess", "new", path, "--lao", "เทศบาลเมืองศรีสะเกษ", "--year", "2568", check=0).stdout.strip()
    assert_refused_unchanged(path, ["answer", "set", path, "--assessment", a, "--indicator", "1",
                                    "--process", "11"], 2, ["11", "10"])
    assert_refused_unchanged(path, ["answer", "set", path, "--assessment", a, "--indicator", "1",
                                    "--outcome", "-1"], 2, ["outcome"])
    assert_refused_unchanged(path, ["answer", "set", path, "--assessment", a, "--indicator", "24",
                                    "--lpa", "101"], 2, ["0 to 100"])
    assert_refused_unchanged(path, ["answer", "set", path, "--assessment", a, "--indicator", "24",
                                    "--process", "5"], 2, ["LPA"])


@test
def unknown_indicator_is_refused_unchanged():
    path = new_workspace()
    a = run("assess", "new", path, "--lao", "เทศบาลเมืองศรีสะเกษ", "--year", "2568", check=0).stdout.strip()
    assert_refused_unchanged(path, ["answer", "set", path, "--assessment", a, "--indicator", "35",
                                    "--process", "1"], 2, ["35"])
    assert_refused_unchanged(path, ["answer", "set", path, "--assessment", a, "--indicator", "1",
                                    "--check", "9"], 2, ["9"])


@test
def usage_errors_exit_1():
    path = new_workspace()
    for args in (["nonsense"], ["laos"], ["answer", "set", path], ["assess", "new", path, "--lao", "x"],
                 ["answer", "set", path, "--assessment", "abcd", "--indicator", "1", "--process", "ten"],
                 ["show"], ["laos", "list", path, "extra"]):
        result = run(*args, check=1)
        assert result.stderr.startswith("esc-cli: "), (args, result.stderr)


@test
def unknown_assessment_and_lao_exit_2():
    path = new_workspace()
    run("show", path, "--assessment", "ffffffff", check=2)
    r = run("assess", "new", path, "--lao", "ไม่มีชื่อนี้", "--year", "2568", check=2)
    assert "ไม่มีชื่อนี้" in r.stderr
    r = run("assess", "new", path, "--lao", "องค์การบริหารส่วนตำบล", "--year", "2568", check=2)
    assert "several" in r.stderr, r.stderr
    run("assess", "new", path, "--lao", "เทศบาลเมืองศรีสะเกษ", "--year", "1999", check=2)


@test
def history_records_who_and_what():
    path = new_workspace()
    a = run("assess", "new", path, "--lao", "เทศบาลเมืองศรีสะเกษ", "--year", "2568", check=0).stdout.strip()
    run("answer", "set", path, "--assessment", a, "--indicator", "3", "--process", "5", check=0)
    run("answer", "set", path, "--assessment", a, "--indicator", "3", "--process", "7",
        "--note", "มีแผน", "--reason", "ตรวจเอกสารเพิ่ม", check=0)
    db = sqlite3.connect(path)
    rows = db.execute("SELECT field, old_value, new_value, reason FROM history WHERE entity = 'answer' "
                      "ORDER BY rowid").fetchall()
    db.close()
    assert ("process", None, "5", "") in rows, rows
    assert ("process", "5", "7", "ตรวจเอกสารเพิ่ม") in rows, rows
    assert ("note", None, "มีแผน", "ตรวจเอกสารเพิ่ม") in rows, rows


@test
def two_processes_writing_at_once_lose_nothing():
    path = new_workspace()
    ids = [run("assess", "new", path, "--lao", "เทศบาลเมืองศรีสะเกษ", "--year", "2568", check=0).stdout.strip()
           for _ in range(2)]
    script = ("set -e; for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18; do "
              "\"$CLI\" answer set \"$WS\" --assessment \"$ID\" --indicator $i --process 5 --note \"บันทึก $i\"; done")
    cli = os.path.join(os.environ.get("ESC_BUILD_DIR", "build"), "src", "cli", "esc-cli")
    procs = [subprocess.Popen(["sh", "-c", script], env={**os.environ, "CLI": cli, "WS": path, "ID": i})
             for i in ids]
    for p in procs:
        assert p.wait() == 0
    for i in ids:
        result = show(path, i)
        scored = [x for x in result["indicators"] if x["points"] == 5]
        assert len(scored) == 18, (i, len(scored))
    run("check", path, check=0)


@test
def check_reports_ok():
    path = new_workspace()
    assert "ok" in run("check", path, check=0).stdout


@test
def new_refuses_existing_file():
    path = new_workspace()
    before = sha256(path)
    run("new", path, check=2)
    assert sha256(path) == before


if __name__ == "__main__":
    sys.exit(main())

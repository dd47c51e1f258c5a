#!/usr/bin/python3
# test-merge-cli.py: esc-cli merge, conflicts, review and history end to end; the files are
# read back with Python's own sqlite3.
#
# Copyright 2026 The ESC Assessor Authors
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import shutil
import sqlite3
import sys

sys.path.insert(0, os.path.dirname(__file__))
from tap import SOURCE, main, run, sha256, test, tmpdir  # noqa: E402

SISAKET = os.path.join(SOURCE, "data", "laos", "sisaket.csv")


def workspace_with_assessment():
    d = tmpdir()
    path = os.path.join(d, "base.esca")
    run("new", path, "--laos", SISAKET, check=0)
    lao = json.loads(run("laos", "list", path, "--json", check=0).stdout)[0]
    assessment = run("assess", "new", path, "--lao", lao["code"] or lao["name"], "--year", "2568",
                     check=0).stdout.strip()
    run("answer", "set", path, "--assessment", assessment, "--indicator", "1", "--process", "5", check=0)
    run("answer", "set", path, "--assessment", assessment, "--indicator", "2", "--process", "5", check=0)
    return d, path, assessment


def rows(path, sql, *args):
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return db.execute(sql, args).fetchall()
    finally:
        db.close()


def two_copies():
    d, base, assessment = workspace_with_assessment()
    a = os.path.join(d, "a.esca")
    b = os.path.join(d, "b.esca")
    shutil.copy(base, a)
    shutil.copy(base, b)
    run("answer", "set", a, "--assessment", assessment, "--indicator", "1", "--process", "7", check=0)
    run("answer", "set", a, "--assessment", assessment, "--indicator", "2", "--process", "3", check=0)
    run("answer", "set", b, "--assessment", assessment, "--indicator", "2", "--process", "9", check=0)
    run("answer", "set", b, "--assessment", assessment, "--indicator", "3", "--note", "จาก B", check=0)
    return d, a, b, assessment


@test
def merge_reports_and_is_idempotent():
    d, a, b, assessment = two_copies()
    reports = json.loads(run("merge", a, b, "--json", "--author", "ผู้รวม", check=0).stdout)
    assert len(reports) == 1, reports
    report = reports[0]
    assert report["conflicts_added"] == 1, report
    assert report["conflicts"][0]["indicator"] == "2", report
    assert {report["conflicts"][0]["kept"], report["conflicts"][0]["other"]} == {"3", "9"}, report
    assert report["answers_added"] == 1, report  # indicator 3 came from B
    values = dict(rows(a, "SELECT item_code, json_extract (scores, '$.process') FROM answers"))
    assert values["1"] == 7, values
    assert rows(a, "SELECT note FROM answers WHERE item_code = '3'") == [("จาก B",)]

    # Again: nothing changes, not a byte.
    before = sha256(a)
    again = json.loads(run("merge", a, b, "--json", check=0).stdout)[0]
    assert again["changes"] == 0, again
    assert sha256(a) == before
    text = run("merge", a, b, check=0).stdout
    assert "Nothing new" in text, text


@test
def conflicts_list_and_resolve():
    d, a, b, assessment = two_copies()
    run("merge", a, b, check=0)
    listed = json.loads(run("conflicts", "list", a, "--json", check=0).stdout)
    assert len(listed) == 1 and not listed[0]["resolved"], listed
    cid = listed[0]["id"]
    # Bad requests: usage errors, data errors; nothing changes.
    before = sha256(a)
    run("conflicts", "resolve", a, cid, check=1)
    run("conflicts", "resolve", a, cid, "--keep", "--other", check=1)
    result = run("conflicts", "resolve", a, "zzzz", "--keep", check=2)
    assert "zzzz" in result.stderr, result.stderr
    result = run("conflicts", "resolve", a, cid, "--value", "lots", check=2)
    assert "lots" in result.stderr, result.stderr
    assert sha256(a) == before
    # Resolve with a typed value; it is in the history with the reason.
    run("conflicts", "resolve", a, cid[:8], "--value", "6", "--reason", "ตกลงในที่ประชุม",
        "--author", "ประธาน", check=0)
    assert json.loads(run("conflicts", "list", a, "--json", check=0).stdout) == []
    resolved = json.loads(run("conflicts", "list", a, "--all", "--json", check=0).stdout)
    assert resolved[0]["resolved"] and resolved[0]["resolution"] == "6", resolved
    assert rows(a, "SELECT json_extract (scores, '$.process') FROM answers WHERE item_code = '2'") == [(6,)]
    history = json.loads(run("history", a, "--assessment", assessment, "--indicator", "2",
                             "--json", check=0).stdout)
    assert history[0]["entity"] == "conflict", history[0]
    assert history[0]["reason"] == "ตกลงในที่ประชุม", history[0]
    assert history[0]["author"] == "ประธาน", history[0]
    assert any(h["field"] == "process" and h["new"] == "3" for h in history), history
    # The decision travels to B.
    run("merge", b, a, check=0)
    assert rows(b, "SELECT json_extract (scores, '$.process') FROM answers WHERE item_code = '2'") == [(6,)]
    assert json.loads(run("conflicts", "list", b, "--json", check=0).stdout) == []


@test
def merge_refuses_bad_files():
    d, a, b, assessment = two_copies()
    text = os.path.join(d, "text.esca")
    with open(text, "w") as f:
        f.write("hello, this is not a workspace at all, just text\n")
    before = sha256(a)
    result = run("merge", a, text, check=2)
    assert "text.esca" in result.stderr, result.stderr
    run("merge", a, check=1)
    run("merge", check=1)
    result = run("merge", a, os.path.join(d, "missing.esca"), check=2)
    assert "missing.esca" in result.stderr, result.stderr
    assert sha256(a) == before


@test
def review_loop():
    d, path, assessment = workspace_with_assessment()
    show = lambda: json.loads(run("review", "list", path, "--assessment", assessment, "--json", check=0).stdout)
    assert show()["status"] == "draft"
    result = run("review", "accept", path, "--assessment", assessment, check=2)
    assert "submit" in result.stderr, result.stderr
    run("review", "submit", path, check=1)
    run("review", "submit", path, "--assessment", assessment, "--author", "ผู้ประเมิน", check=0)
    run("review", "submit", path, "--assessment", assessment, check=2)
    run("review", "comment", path, "--assessment", assessment, "--indicator", "1",
        "--verdict", "needs-fix", check=2)  # a needs-fix verdict must say what to fix
    run("review", "comment", path, "--assessment", assessment, "--indicator", "1",
        "--verdict", "needs-fix", "--text", "ขาดภาพถ่าย", "--author", "ผู้ตรวจ", check=0)
    run("review", "return", path, "--assessment", assessment, "--reason", "แก้ตัวชี้วัด 1",
        "--author", "ผู้ตรวจ", check=0)
    assert show()["status"] == "returned"
    run("answer", "set", path, "--assessment", assessment, "--indicator", "1", "--process", "6", check=0)
    run("review", "submit", path, "--assessment", assessment, check=0)
    run("review", "comment", path, "--assessment", assessment, "--indicator", "1",
        "--verdict", "accepted", "--author", "ผู้ตรวจ", check=0)
    run("review", "accept", path, "--assessment", assessment, "--author", "ผู้ตรวจ", check=0)
    listed = show()
    assert listed["status"] == "reviewed", listed
    assert [c["verdict"] for c in listed["comments"]] == ["needs-fix", "accepted"], listed
    history = json.loads(run("history", path, "--assessment", assessment, "--json", check=0).stdout)
    statuses = [(h["old"], h["new"]) for h in history if h["field"] == "status"]
    assert statuses == [("submitted", "reviewed"), ("returned", "submitted"),
                        ("submitted", "returned"), ("draft", "submitted")], statuses
    text = run("history", path, "--assessment", assessment, "--indicator", "1", check=0).stdout
    assert "5 → 6" in text, text


if __name__ == "__main__":
    sys.exit(main())

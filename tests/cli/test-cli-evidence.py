#!/usr/bin/python3
# test-cli-evidence.py: esc-cli evidence add/list/extract and search, end to end.
#
# Copyright 2026 The ESC Assessor Authors
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import shutil
import sys

sys.path.insert(0, os.path.dirname(__file__))
from tap import SOURCE, main, run, sha256, test, tmpdir  # noqa: E402

DATA = os.path.join(SOURCE, "tests", "data")
SISAKET = os.path.join(SOURCE, "data", "laos", "sisaket.csv")


def fixture(name):
    return os.path.join(DATA, name)


def workspace():
    path = os.path.join(tmpdir(), "ws.esca")
    run("new", path, "--laos", SISAKET, check=0)
    lao = json.loads(run("laos", "list", path, "--json", check=0).stdout)[0]
    assessment = run("assess", "new", path, "--lao", lao["name"], "--year", "2568",
                     check=0).stdout.strip()
    return path, assessment


def listing(path, assessment):
    return json.loads(run("evidence", "list", path, "--assessment", assessment, "--json",
                          check=0).stdout)


@test
def add_list_and_extract_give_the_same_bytes():
    path, a = workspace()
    out = run("evidence", "add", path, "--assessment", a, "--indicator", "5",
              "--pages", "3-4, 1", "--caption", "รายงานผลการคัดแยกขยะ", fixture("thai.pdf"), check=0)
    assert "thai.pdf" in out.stdout and "1, 3-4" in out.stdout, out.stdout
    out = run("evidence", "add", path, "--assessment", a, "--indicator", "5",
              fixture("photo.jpg"), fixture("photo.png"), check=0)
    assert "photo.jpg" in out.stdout and "photo.png" in out.stdout, out.stdout
    links = listing(path, a)
    assert len(links) == 3, links
    pdf = next(link for link in links if link["file_name"] == "thai.pdf")
    assert pdf["indicator"] == "5" and pdf["pages"] == "1, 3-4", pdf
    assert pdf["caption"] == "รายงานผลการคัดแยกขยะ" and pdf["n_pages"] == 4, pdf
    assert pdf["sha256"] == sha256(fixture("thai.pdf")), pdf
    text = run("evidence", "list", path, "--assessment", a, check=0).stdout
    assert "thai" in text and "1, 3-4" in text, text

    for name in ("thai.pdf", "photo.jpg", "photo.png"):
        target = os.path.join(tmpdir(), "copy-" + name)
        digest = sha256(fixture(name))
        run("evidence", "extract", path, digest, "-o", target, check=0)
        assert sha256(target) == digest, name
    # A unique prefix of the SHA-256 is enough.
    target = os.path.join(tmpdir(), "prefix.pdf")
    run("evidence", "extract", path, pdf["sha256"][:10], "-o", target, check=0)
    assert sha256(target) == pdf["sha256"]


@test
def the_same_file_twice_is_stored_once():
    path, a = workspace()
    copy = os.path.join(tmpdir(), "สำเนา.pdf")
    shutil.copyfile(fixture("thai.pdf"), copy)
    run("evidence", "add", path, "--assessment", a, "--indicator", "5", fixture("thai.pdf"), check=0)
    size = os.path.getsize(path) + os.path.getsize(path + "-wal") if os.path.exists(path + "-wal") else os.path.getsize(path)
    run("evidence", "add", path, "--assessment", a, "--indicator", "6", copy, check=0)
    links = listing(path, a)
    assert len(links) == 2, links
    assert links[0]["document"] == links[1]["document"], links
    assert links[0]["sha256"] == links[1]["sha256"]
    after = os.path.getsize(path) + os.path.getsize(path + "-wal") if os.path.exists(path + "-wal") else os.path.getsize(path)
    assert after - size < os.path.getsize(fixture("thai.pdf")), (size, after)


@test
def bad_files_are_refused_and_nothing_changes():
    path, a = workspace()
    run("evidence", "add", path, "--assessment", a, "--indicator", "5", fixture("thai.pdf"), check=0)
    before = listing(path, a)
    for name in ("truncated.pdf", "empty.pdf", "not-a-pdf.pdf"):
        # A good file with a bad one: all or nothing.
        result = run("evidence", "add", path, "--assessment", a, "--indicator", "7",
                     fixture("photo.png"), fixture(name), check=2)
        assert name in result.stderr, result.stderr
        assert "Nothing was attached" in result.stderr, result.stderr
    result = run("evidence", "add", path, "--assessment", a, "--indicator", "5", "--pages", "9",
                 fixture("thai.pdf"), check=2)
    assert "9" in result.stderr and "4" in result.stderr, result.stderr
    result = run("evidence", "add", path, "--assessment", a, "--indicator", "99",
                 fixture("thai.pdf"), check=2)
    assert "99" in result.stderr, result.stderr
    assert listing(path, a) == before
    run("check", path, check=0)


@test
def usage_errors_exit_1():
    path, a = workspace()
    run("evidence", "add", path, "--indicator", "5", fixture("thai.pdf"), check=1)
    run("evidence", "add", path, "--assessment", a, fixture("thai.pdf"), check=1)
    run("evidence", "add", path, "--assessment", a, "--indicator", "5", check=1)
    run("evidence", "list", path, check=1)
    run("evidence", "extract", path, "abcdef", check=1)
    run("search", path, check=1)
    run("evidence", "extract", path, "abcdef12", "-o", os.path.join(tmpdir(), "x"), check=2)
    run("evidence", "list", os.path.join(tmpdir(), "missing.esca"), "--assessment", a, check=2)


@test
def search_finds_thai_in_pdf_pages_and_notes():
    path, a = workspace()
    run("evidence", "add", path, "--assessment", a, "--indicator", "5", fixture("thai.pdf"), check=0)
    run("answer", "set", path, "--assessment", a, "--indicator", "9",
        "--note", "ลงพื้นที่ตรวจพื้นที่สีเขียวของชุมชน", check=0)
    hits = json.loads(run("search", path, "สีเขียว", "--json", check=0).stdout)
    kinds = [(h["kind"], h.get("indicator"), h.get("page")) for h in hits]
    assert ("note", "9", None) in kinds, kinds
    assert ("page", None, 2) in kinds, kinds
    assert kinds[0][0] == "note", kinds
    page = next(h for h in hits if h["kind"] == "page")
    assert "[สีเขียว]" in page["snippet"], page
    text = run("search", path, "คัดแยกขยะ", check=0).stdout
    assert "page 1" in text, text
    none = run("search", path, "ไม่มีคำนี้แน่นอน", check=0).stdout
    assert "ไม่มีคำนี้แน่นอน" in none, none


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/python3
# test-cli-reliability.py: backups, restore, damaged workspaces and two writers, end to end.
#
# Copyright 2026 The ESC Assessor Authors
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import shutil
import subprocess
import sys
import threading

sys.path.insert(0, os.path.dirname(__file__))
from tap import CLI, SOURCE, main, run, test, tmpdir  # noqa: E402

FRAMEWORK = os.path.join(SOURCE, "data", "frameworks", "esc-2568.json")
SISAKET = os.path.join(SOURCE, "data", "laos", "sisaket.csv")
LAO = "เทศบาลเมืองศรีสะเกษ"


def workspace():
    """A workspace with one assessment, its backups in a folder of its own."""
    folder = tmpdir()
    os.environ["ESC_BACKUP_DIR"] = os.path.join(folder, "backups")
    path = os.path.join(folder, "ws.esca")
    run("new", path, "--laos", SISAKET, check=0)
    assessment = run("assess", "new", path, "--lao", LAO, "--year", "2568",
                     "--assessor", "test", check=0).stdout.strip()
    return path, assessment


def process_items(count):
    """Codes of indicators scored by dimensions that have a process dimension."""
    with open(FRAMEWORK, encoding="utf-8") as f:
        fw = json.load(f)
    codes = [i["code"] for i in fw["indicators"]
             if i["scoring"]["method"] == "dimensions" and "process" in i["scoring"]["dimensions"]
             and i["scoring"]["dimensions"]["process"] >= 5]
    assert len(codes) >= count
    return codes[:count]


def points(path, assessment):
    shown = json.loads(run("show", path, "--assessment", assessment, "--json", check=0).stdout)
    return {i["code"]: i["points"] for i in shown["indicators"]}


def set_process(path, assessment, code, value):
    run("answer", "set", path, "--assessment", assessment, "--indicator", code,
        "--process", str(value), check=0)


@test
def backups_list_create_and_restore():
    path, assessment = workspace()
    code = process_items(1)[0]
    set_process(path, assessment, code, 2)

    # The day's first use made a backup (before the edit).
    listed = json.loads(run("backups", "list", path, "--json", check=0).stdout)
    assert [b["reason"] for b in listed["backups"]] == ["daily"], listed
    assert listed["folder"].startswith(os.environ["ESC_BACKUP_DIR"])

    made = run("backups", "create", path, check=0).stdout.strip()
    assert os.path.isfile(made)
    set_process(path, assessment, code, 4)
    assert points(path, assessment)[code] == 4

    listed = json.loads(run("backups", "list", path, "--json", check=0).stdout)
    assert listed["backups"][0]["path"] == made
    assert listed["backups"][0]["reason"] == "manual"

    restored = run("restore", path, "1", check=0)
    assert made in restored.stdout
    assert points(path, assessment)[code] == 2

    # The restore can be undone: what it replaced is the newest backup.
    listed = json.loads(run("backups", "list", path, "--json", check=0).stdout)
    assert listed["backups"][0]["reason"] == "restore"
    run("restore", path, listed["backups"][0]["path"], check=0)
    assert points(path, assessment)[code] == 4

    # Plain text lists them too, newest first, numbered.
    lines = run("backups", "list", path, check=0).stdout.splitlines()
    assert lines[0].startswith("1\t") and "restore" in lines[0], lines


@test
def restore_refuses_what_is_not_a_backup():
    path, assessment = workspace()
    run("answer", "set", path, "--assessment", assessment, "--indicator", "1", "--process", "1",
        check=0)
    result = run("restore", path, "9", check=2)
    assert "There is no backup 9" in result.stderr, result.stderr
    result = run("restore", path, "latest-please", check=1)
    assert "neither a backup file nor a number" in result.stderr, result.stderr
    notes = os.path.join(os.path.dirname(path), "notes.txt")
    with open(notes, "w", encoding="utf-8") as f:
        f.write("not a workspace")
    result = run("restore", path, notes, check=2)
    assert "damaged" in result.stderr or "not a backup" in result.stderr, result.stderr
    assert points(path, assessment)["1"] == 1


def damaged_copy(path, name, damage):
    copy = os.path.join(os.path.dirname(path), name)
    shutil.copyfile(path, copy)
    with open(copy, "r+b") as f:
        damage(f, os.path.getsize(copy))
    return copy


@test
def check_names_what_is_damaged_and_salvage_rescues_the_rest():
    path, assessment = workspace()
    for n, code in enumerate(process_items(6)):
        set_process(path, assessment, code, n)
    assert run("check", path, check=0).stdout.strip().endswith("ok")

    def wipe_last_pages(f, size):
        f.seek(size - 3 * 4096)
        f.write(b"\x55" * 3 * 4096)

    bad = damaged_copy(path, "bad.esca", wipe_last_pages)
    result = run("check", bad, check=2)
    assert "Damaged: " in result.stderr and "(table " in result.stderr, result.stderr
    assert "salvage" in result.stderr, result.stderr

    rescued = os.path.join(os.path.dirname(path), "rescued.esca")
    result = run("salvage", bad, rescued, check=0)
    assert "rows copied" in result.stdout, result.stdout
    assert run("check", rescued, check=0).stdout.strip().endswith("ok")
    # The local governments and the assessment made it.
    assert len(json.loads(run("laos", "list", rescued, "--json", check=0).stdout)) > 100
    points(rescued, assessment)

    # Never over an existing file.
    result = run("salvage", bad, rescued, check=2)
    assert "already exists" in result.stderr


@test
def truncated_and_garbage_files_fail_plainly():
    path, _ = workspace()
    size = os.path.getsize(path)
    for keep in (0, 50, 100, 4096, size // 2, size - 1):
        copy = damaged_copy(path, f"cut-{keep}.esca", lambda f, s: f.truncate(keep))
        result = run("check", copy)
        assert result.returncode in (0, 2), (keep, result.returncode, result.stderr)
        assert "Traceback" not in result.stderr and result.returncode >= 0
        if result.returncode == 2:
            assert result.stderr.strip(), keep
        result = run("laos", "list", copy)
        assert result.returncode in (0, 2), (keep, result.returncode, result.stderr)


@test
def two_writers_on_one_workspace_lose_nothing():
    path, assessment = workspace()
    codes = process_items(8)
    halves = [codes[:4], codes[4:]]
    errors = []

    def writer(mine):
        for rounds in range(6):
            for code in mine:
                result = subprocess.run(
                    [CLI, "answer", "set", path, "--assessment", assessment, "--indicator", code,
                     "--process", str(rounds)],
                    capture_output=True, text=True)
                if result.returncode != 0:
                    errors.append(result.stderr)

    threads = [threading.Thread(target=writer, args=(half,)) for half in halves]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert not errors, errors
    # Each saw the other's changes and overwrote none of them.
    got = points(path, assessment)
    for code in codes:
        assert got[code] == 5, (code, got[code])
    assert run("check", path, check=0)


sys.exit(main())

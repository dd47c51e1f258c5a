#!/usr/bin/python3
# test-cli-export.py: esc-cli export end to end. Every workbook is read back
# with openpyxl and each cell that carries data is compared with the
# workspace (read with Python's sqlite3 and esc-cli show --json) and with
# points recomputed from the framework file.
#
# Copyright 2026 The ESC Assessor Authors
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import sqlite3
import sys

import openpyxl

sys.path.insert(0, os.path.dirname(__file__))
from tap import SOURCE, main, run, sha256, test, tmpdir  # noqa: E402

FRAMEWORK = os.path.join(SOURCE, "data", "frameworks", "esc-2568.json")
SISAKET = os.path.join(SOURCE, "data", "laos", "sisaket.csv")

# Notes that a spreadsheet would take for formulas if written as formulas.
INJECTIONS = {
    "1": "=HYPERLINK(\"http://example.com\",\"คลิก\")",
    "2": "+66 81 234 5678",
    "3": "-5 คะแนน ต้องแก้",
    "4": "@SUM(A1:A9)",
}


def framework():
    with open(FRAMEWORK, encoding="utf-8") as f:
        return json.load(f)


LAOS_CSV = """code,name,type,district,province,tambon_geocode
6330101,เทศบาลตำบลกันทรลักษ์,subdistrict,กันทรลักษ์,ศรีสะเกษ,
6330102,องค์การบริหารส่วนตำบลจานใหญ่,sao,กันทรลักษ์,ศรีสะเกษ,
6330103,+องค์การบริหารส่วนตำบลเสาธงชัย,sao,กันทรลักษ์,ศรีสะเกษ,
6330201,เทศบาลเมืองศรีสะเกษ,town,เมืองศรีสะเกษ,ศรีสะเกษ,
6330202,=องค์การบริหารส่วนตำบลคูซอด,sao,เมืองศรีสะเกษ,ศรีสะเกษ,
6330301,เทศบาลตำบลขุขันธ์,subdistrict,ขุขันธ์,ศรีสะเกษ,
6330302,-องค์การบริหารส่วนตำบลโสน,sao,ขุขันธ์,ศรีสะเกษ,
6330303,@องค์การบริหารส่วนตำบลห้วยเหนือ,sao,ขุขันธ์,ศรีสะเกษ,
,องค์การบริหารส่วนจังหวัดศรีสะเกษ,pao,เมืองศรีสะเกษ,ศรีสะเกษ,
"""


def new_workspace():
    d = tmpdir()
    path = os.path.join(d, "ws.esca")
    csv = os.path.join(d, "laos.csv")
    with open(csv, "w", encoding="utf-8") as f:
        f.write(LAOS_CSV)
    run("new", path, "--laos", csv, check=0)
    return path


def laos(path):
    return json.loads(run("laos", "list", path, "--json", check=0).stdout)


def show(path, assessment):
    return json.loads(run("show", path, "--assessment", assessment, "--json", check=0).stdout)


def items(fw):
    """The rows of the indicator sheet: each indicator, a combined one followed by its parts."""
    for ind in fw["indicators"]:
        yield ind, None
        if ind["scoring"]["method"] == "parts":
            for part in ind["scoring"]["parts"]:
                yield part, ind


def item_points(item, values):
    scoring = item["scoring"]
    if scoring["method"] == "lpa":
        return values["lpa"] / 100 * item["max_points"]
    return sum(values.get(k, 0) for k in scoring["dimensions"])


def filled_assessment(path, lao_name):
    """An assessment with a few items answered, Thai notes, formula-like notes, ticks."""
    assessment = run("assess", "new", path, "--lao", lao_name, "--year", "2568",
                     "--assessor", "สมชาย ใจดี", check=0).stdout.strip()
    answers = {
        "1": {"process": 8, "output": 5.5, "outcome": 10},
        "2": {"process": 10, "output": 7, "outcome": 13},
        "3": {"process": 2.25},
        "4": {"process": 0, "output": 0, "outcome": 0},
        "19.1": {"process": 10, "output": 7, "outcome": 13},
        "19.2": {"process": 4, "output": 0, "outcome": 0},
        "24": {"lpa": 80},
        "34": {"process": 9, "output": 6, "outcome": 12},
    }
    notes = dict(INJECTIONS)
    notes["19.1"] = "ระบบบำบัดน้ำเสียรวมของชุมชน\nบรรทัดที่สอง"
    notes["34"] = "ผ่านการประชุมคณะทำงาน ๑๒ ครั้ง"
    checks = {"1": "1,3", "19.1": "2"}
    for code, values in answers.items():
        args = ["answer", "set", path, "--assessment", assessment, "--indicator", code]
        for key, value in values.items():
            args += [f"--{key}", repr(value)]
        if code in notes:
            args += [f"--note={notes[code]}"]
        if code in checks:
            args += ["--check", checks[code]]
        run(*args, check=0)
    return assessment, answers, notes, checks


def cells(ws):
    out = {}
    for row in ws.iter_rows():
        for cell in row:
            if cell.value is not None:
                out[(cell.row - 1, cell.column - 1)] = cell
    return out


def assert_cell(found, key, expected):
    """Text stays text (never a formula); numbers are numbers."""
    cell = found.pop(key, None)
    if expected is None or expected == "":
        assert cell is None, (key, cell.value if cell else None)
        return
    assert cell is not None, (key, expected)
    if isinstance(expected, str):
        assert cell.data_type == "s", (key, cell.data_type, cell.value)
        assert cell.value == expected, (key, cell.value, expected)
    else:
        assert cell.data_type == "n", (key, cell.data_type, cell.value)
        assert abs(cell.value - expected) < 1e-9, (key, cell.value, expected)


@test
def sar_workbook_matches_the_workspace():
    fw = framework()
    path = new_workspace()
    lao = next(l for l in laos(path) if l["type"] == "subdistrict" and l["code"])
    assessment, answers, notes, checks = filled_assessment(path, lao["name"])
    out = os.path.join(tmpdir(), "รายงาน SAR.xlsx")
    result = run("export", "sar", path, "--assessment", assessment, "-o", out, check=0)
    assert out in result.stdout, result.stdout
    shown = show(path, assessment)

    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[:3] == ["สรุป", "ตัวชี้วัด", "หลักฐาน"], wb.sheetnames
    assert wb.properties.creator == "สมชาย ใจดี"
    assert lao["name"] in wb.properties.title

    # สรุป: each label with its value
    ws = wb["สรุป"]
    assert ws.freeze_panes == "A2" and ws.print_title_rows == "$1:$1"
    found = cells(ws)
    pairs = {found[k].value: found.get((k[0], 1)) for k in list(found) if k[1] == 0 and found[k].data_type == "s"}
    type_name = next(t["name"]["th"] for t in fw["lao_types"] if t["id"] == lao["type"])
    expected = {
        "LAO code": lao["code"], "Local government": lao["name"], "Type": type_name,
        "District": lao["district"], "Province": lao.get("province") or shown["lao"]["province"],
        "Fiscal year": 2568, "Assessor": "สมชาย ใจดี", "Pass mark (percent)": 60,
        "Indicators scored": shown["complete"], "Indicators": 34,
        "Indicators with evidence": shown["with_evidence"],
    }
    for label, value in expected.items():
        cell = pairs[label]
        assert cell is not None, label
        if isinstance(value, str):
            assert cell.data_type == "s" and cell.value == value, (label, cell.value, value)
        else:
            assert cell.data_type == "n" and abs(cell.value - value) < 1e-9, (label, cell.value, value)
    for label in ("Created", "Last changed", "Exported"):
        assert "256" in pairs[label].value, (label, pairs[label].value)  # พ.ศ. 2567–2569
    total_row = next(k[0] for k in found if found[k].value == "Total (percent)")
    assert abs(found[(total_row, 4)].value - shown["total_percent"]) < 0.006
    components = {c["id"]: c for c in shown["components"]}
    for r in range(total_row - 4, total_row):
        cid = found[(r, 0)].value
        assert found[(r, 0)].data_type == "s"
        assert abs(found[(r, 2)].value - components[cid]["points"]) < 0.006
        assert abs(found[(r, 4)].value - components[cid]["percent"]) < 0.006

    # ตัวชี้วัด: every cell of every row
    ws = wb["ตัวชี้วัด"]
    assert ws.freeze_panes == "A2" and ws.print_title_rows == "$1:$1", (ws.freeze_panes, ws.print_title_rows)
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9
    assert ws.auto_filter.ref.startswith("A1:")
    found = cells(ws)
    headers = ["No.", "Component", "Issue", "Indicator", "กระบวนการ", "ผลผลิต", "ผลลัพธ์",
               "LPA score (percent)", "Points", "Maximum", "Percent", "Status", "Criteria met",
               "Note", "Evidence"]
    for col, title in enumerate(headers):
        assert_cell(found, (0, col), title)
    comps = {c["id"]: c["name"]["th"] for c in fw["components"]}
    issues = {i["id"]: i["name"]["th"] for i in fw["issues"]}
    shown_ind = {i["code"]: i for i in shown["indicators"]}
    row = 0
    for item, parent in items(fw):
        row += 1
        owner = parent or item
        code = item["code"]
        values = answers.get(code)
        assert_cell(found, (row, 0), code)
        assert_cell(found, (row, 1), comps[owner["component"]])
        assert_cell(found, (row, 2), issues[owner["issue"]])
        assert_cell(found, (row, 3), item["name"]["th"])
        for col, dim in enumerate(["process", "output", "outcome"], 4):
            assert_cell(found, (row, col), values.get(dim) if values and item["scoring"]["method"] == "dimensions" else None)
        assert_cell(found, (row, 7), values.get("lpa") if values and item["scoring"]["method"] == "lpa" else None)
        if item["scoring"]["method"] == "parts":
            points = shown_ind[code]["points"]
        else:
            points = item_points(item, values) if values else None
        assert_cell(found, (row, 8), points)
        assert_cell(found, (row, 9), item["max_points"])
        assert_cell(found, (row, 10), None if points is None else 100 * points / item["max_points"])
        status = found.pop((row, 11))
        assert status.data_type == "s" and status.value, status.value
        if parent is None and code not in answers and item["scoring"]["method"] != "parts":
            assert status.value == "Not started", (code, status.value)
        assert_cell(found, (row, 12), ", ".join(checks[code].split(",")) if code in checks else None)
        assert_cell(found, (row, 13), notes.get(code))
        assert_cell(found, (row, 14), None)
    assert row == 36, row
    assert not found, sorted(found)[:5]

    # หลักฐาน: the header only, no documents attached
    found = cells(wb["หลักฐาน"])
    for col, title in enumerate(["File name", "Title", "SHA-256", "Size (bytes)", "Pages", "Used by indicators"]):
        assert_cell(found, (0, col), title)
    assert not found, sorted(found)

    # the notes are as stored in the workspace, byte for byte
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    stored = dict(db.execute("SELECT item_code, note FROM answers WHERE assessment_uuid = ?", (assessment,)))
    db.close()
    for code, note in notes.items():
        assert stored[code] == note, (code, stored[code])


@test
def formula_like_text_stays_text():
    path = new_workspace()
    lao = laos(path)[0]
    assessment, _, notes, _ = filled_assessment(path, lao["name"])
    out = os.path.join(tmpdir(), "sar.xlsx")
    run("export", "sar", path, "--assessment", assessment, "-o", out, check=0)
    ws = openpyxl.load_workbook(out)["ตัวชี้วัด"]
    seen = set()
    for row in ws.iter_rows(min_row=2):
        note = row[13]
        if note.value in INJECTIONS.values():
            assert note.data_type == "s", (note.value, note.data_type)
            seen.add(note.value[0])
    assert seen == {"=", "+", "-", "@"}, seen
    for row in ws.iter_rows():
        for cell in row:
            assert cell.data_type != "f", (cell.coordinate, cell.value)


@test
def province_workbook_matches_the_workspace():
    path = new_workspace()
    all_laos = laos(path)
    assessed = [l for l in all_laos if l["type"] in ("subdistrict", "sao")][:4]
    shown = {}
    for lao in assessed:
        assessment, _, _, _ = filled_assessment(path, lao["name"])
        shown[lao["name"]] = show(path, assessment)
    out = os.path.join(tmpdir(), "จังหวัด.xlsx")
    run("export", "province", path, "--year", "2568", "-o", out, check=0)

    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["อปท.", "ตัวชี้วัด", "อำเภอ", "แผนภูมิ", "เตรียมเอกสาร"], wb.sheetnames
    ws = wb["อปท."]
    assert ws.freeze_panes == "A2" and ws.print_title_rows == "$1:$1"
    rows = list(ws.iter_rows(min_row=2, values_only=False))
    assert len(rows) == len(all_laos), (len(rows), len(all_laos))
    by_name = {r[1].value: r for r in rows}
    assert len(by_name) == len(all_laos)
    # names that look like formulas stay text
    assert {n[0] for n in by_name} >= {"=", "+", "-", "@"}, sorted(by_name)
    for row in ws.iter_rows():
        for cell in row:
            assert cell.data_type != "f", (cell.coordinate, cell.value)
    for lao in all_laos:
        r = by_name[lao["name"]]
        assert r[0].value == (lao["code"] or None) and r[2].value == (lao["district"] or None)
        assert r[1].data_type == "s" and (r[0].value is None or r[0].data_type == "s")
        if lao["name"] in shown:
            s = shown[lao["name"]]
            for i, c in enumerate(s["components"]):
                assert r[5 + i].data_type == "n" and abs(r[5 + i].value - c["percent"]) < 0.006
            assert abs(r[9].value - s["total_percent"]) < 0.006
            assert r[10].value == ("Passed" if s["passed"] else "Not passed")
            assert abs(r[11].value - 100 * s["complete"] / s["of"]) < 1e-6
        else:
            assert r[4].value == "Not assessed" and all(c.value is None for c in r[5:])

    ws = wb["ตัวชี้วัด"]
    assert ws.freeze_panes == "C2" and ws.print_title_rows == "$1:$1"
    assert len(ws.conditional_formatting) == 1
    header = [c.value for c in next(ws.iter_rows(max_row=1))]
    assert header[3:] == [str(i) for i in range(1, 35)], header
    for r in ws.iter_rows(min_row=2):
        code = r[1].value
        if code in shown:
            for ind in shown[code]["indicators"]:
                cell = r[2 + int(ind["code"])]
                if ind["status"] in ("not-started", "not_started"):
                    assert cell.value is None, (code, ind)
                else:
                    assert cell.data_type == "n" and abs(cell.value - ind["points"]) < 0.006, (code, ind, cell.value)
        else:
            assert all(c.value is None for c in r[3:]), code

    ws = wb["อำเภอ"]
    districts = {}
    for lao in all_laos:
        districts.setdefault(lao["district"], []).append(lao)
    rows = {r[0].value or "": r for r in ws.iter_rows(min_row=2)}
    assert set(rows) == set(districts), (set(rows) ^ set(districts))
    for name, members in districts.items():
        assert rows[name][1].value == len(members)
        assert rows[name][2].value == sum(1 for m in members if m["name"] in shown)
    assert len(wb["แผนภูมิ"]._charts) == 2


@test
def evidence_folder_beside_the_workbook():
    path = new_workspace()
    lao = laos(path)[0]
    assessment, _, _, _ = filled_assessment(path, lao["name"])
    d = tmpdir()
    out = os.path.join(d, "sar.xlsx")
    evidence = os.path.join(d, "หลักฐาน")
    result = run("export", "sar", path, "--assessment", assessment, "-o", out, "--evidence-dir", evidence, check=0)
    assert evidence in result.stdout
    assert os.path.isdir(evidence) and os.listdir(evidence) == []


@test
def exit_codes():
    path = new_workspace()
    lao = laos(path)[0]
    assessment, _, _, _ = filled_assessment(path, lao["name"])
    d = tmpdir()
    out = os.path.join(d, "sar.xlsx")
    # usage errors: 1
    run("export", check=1)
    run("export", "sar", check=1)
    run("export", "sar", path, "-o", out, check=1)                      # no --assessment
    run("export", "sar", path, "--assessment", assessment, check=1)     # no -o
    run("export", "province", path, "-o", out, check=1)                 # no --year
    r = run("export", "province", path, "--year", "68", "-o", out, check=1)
    assert "2568" in r.stderr, r.stderr
    assert not os.path.exists(out)
    # data errors: 2, with one clear line and nothing written
    r = run("export", "sar", path, "--assessment", "ffffffff-0000", "-o", out, check=2)
    assert r.stderr.startswith("esc-cli: "), r.stderr
    not_workspace = os.path.join(d, "notes.txt")
    with open(not_workspace, "w") as f:
        f.write("not a workspace\n")
    run("export", "province", not_workspace, "--year", "2568", "-o", out, check=2)
    r = run("export", "sar", path, "--assessment", assessment, "-o", os.path.join(d, "missing", "x.xlsx"), check=2)
    assert "does not exist" in r.stderr, r.stderr
    assert os.listdir(d) == ["notes.txt"], os.listdir(d)
    # an existing file is kept unless --overwrite
    with open(out, "w") as f:
        f.write("keep")
    before = sha256(out)
    r = run("export", "sar", path, "--assessment", assessment, "-o", out, check=2)
    assert "already exists" in r.stderr, r.stderr
    assert sha256(out) == before
    run("export", "sar", path, "--assessment", assessment, "-o", out, "--overwrite", check=0)
    assert openpyxl.load_workbook(out).sheetnames[0] == "สรุป"
    assert sorted(os.listdir(d)) == ["notes.txt", "sar.xlsx"], os.listdir(d)


if __name__ == "__main__":
    sys.exit(main())

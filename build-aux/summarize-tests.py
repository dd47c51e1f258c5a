#!/usr/bin/python3
"""Counts test cases in meson testlog.json files and prints "N passed, N failed".

Several logs may be given (the normal build, the sanitizer build, the fuzzing build); their
cases add up. TAP tests count each "ok"/"not ok" line; other tests count as one case each.
A skipped case is neither passed nor failed and is reported apart. libFuzzer runs also add up
their executions ("stat::number_of_executed_units"), printed on a line of their own.
"""
import json
import re
import sys

TAP_LINE = re.compile(r"^(not ok|ok)\b(.*)$")
FUZZ_RUNS = re.compile(r"^stat::number_of_executed_units:\s*(\d+)", re.M)


def count(path, totals):
    try:
        with open(path, encoding="utf-8") as f:
            rows = [json.loads(line) for line in f if line.strip()]
    except (OSError, ValueError) as e:
        # A missing or garbled log (two runs writing it at once) is a failure, not a crash.
        print(f"cannot read {path}: {e}", file=sys.stderr)
        totals["failed"] += 1
        return
    for row in rows:
        result = row.get("result")
        stdout = row.get("stdout") or ""
        stderr = row.get("stderr") or ""
        for m in FUZZ_RUNS.finditer(stdout + "\n" + stderr):
            totals["fuzz_runs"] += int(m.group(1))
        cases = [TAP_LINE.match(l.strip()) for l in stdout.splitlines()]
        cases = [m for m in cases if m]
        if cases:
            for m in cases:
                rest = m.group(2)
                if "# SKIP" in rest.upper():
                    totals["skipped"] += 1
                elif m.group(1) == "ok":
                    totals["passed"] += 1
                else:
                    totals["failed"] += 1
            if result not in ("OK", "EXPECTEDFAIL", "SKIP") and not any(
                m.group(1) == "not ok" for m in cases
            ):
                totals["failed"] += 1  # the binary died after its last case
        elif result == "SKIP":
            totals["skipped"] += 1
        elif result in ("OK", "EXPECTEDFAIL"):
            totals["passed"] += 1
        else:
            totals["failed"] += 1


def main(paths):
    totals = {"passed": 0, "failed": 0, "skipped": 0, "fuzz_runs": 0}
    for path in paths:
        count(path, totals)
    if totals["fuzz_runs"]:
        print(f"fuzzing: {totals['fuzz_runs']} executions")
    if totals["skipped"]:
        print(f"skipped (neither passed nor failed): {totals['skipped']}")
    # The closing line stays exactly "N passed, N failed" for scripts that read it.
    print(f"{totals['passed']} passed, {totals['failed']} failed")
    return 0 if totals["failed"] == 0 and totals["passed"] > 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["build/meson-logs/testlog.json"]))

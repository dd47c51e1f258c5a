#!/usr/bin/python3
"""Counts test cases in meson's testlog.json and prints "N passed, N failed".

TAP tests count each "ok"/"not ok" line; other tests count as one case each.
A skipped case is neither passed nor failed and is reported apart.
"""
import json
import re
import sys

TAP_LINE = re.compile(r"^(not ok|ok)\b(.*)$")


def main(path):
    passed = failed = skipped = 0
    try:
        with open(path, encoding="utf-8") as f:
            rows = [json.loads(line) for line in f if line.strip()]
    except OSError as e:
        print(f"cannot read {path}: {e}", file=sys.stderr)
        print("0 passed, 1 failed")
        return 1
    for row in rows:
        result = row.get("result")
        stdout = row.get("stdout") or ""
        cases = [TAP_LINE.match(l.strip()) for l in stdout.splitlines()]
        cases = [m for m in cases if m]
        if cases:
            for m in cases:
                rest = m.group(2)
                if "# SKIP" in rest.upper():
                    skipped += 1
                elif m.group(1) == "ok":
                    passed += 1
                else:
                    failed += 1
            if result not in ("OK", "EXPECTEDFAIL", "SKIP") and not any(
                m.group(1) == "not ok" for m in cases
            ):
                failed += 1  # the binary died after its last case
        elif result == "SKIP":
            skipped += 1
        elif result in ("OK", "EXPECTEDFAIL"):
            passed += 1
        else:
            failed += 1
    line = f"{passed} passed, {failed} failed"
    if skipped:
        line += f", {skipped} skipped"
    print(line)
    return 0 if failed == 0 and passed > 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "build/meson-logs/testlog.json"))

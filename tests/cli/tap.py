# tap.py: a tiny TAP producer for the command-line tests.
#
# Copyright 2026 The ESC Assessor Authors
# SPDX-License-Identifier: GPL-3.0-or-later

import hashlib
import os
import subprocess
import sys
import tempfile
import traceback

BUILD = os.environ.get("ESC_BUILD_DIR", "build")
SOURCE = os.environ.get("ESC_SOURCE_DIR", ".")
CLI = os.path.join(BUILD, "src", "cli", "esc-cli")

_tests = []


def test(function):
    _tests.append(function)
    return function


def run(*args, check=None, input=None):
    """Runs esc-cli; check is the expected exit status (None: any)."""
    result = subprocess.run([CLI, *args], capture_output=True, text=True, input=input,
                            env={**os.environ, "LC_ALL": "C.UTF-8"})
    if check is not None and result.returncode != check:
        raise AssertionError(
            f"esc-cli {' '.join(args)} exited {result.returncode}, expected {check}\n"
            f"stdout: {result.stdout}\nstderr: {result.stderr}")
    return result


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def tmpdir():
    return tempfile.mkdtemp(prefix="esc-cli-test-")


def main():
    print(f"1..{len(_tests)}")
    failed = 0
    for number, function in enumerate(_tests, 1):
        name = function.__name__
        try:
            function()
            print(f"ok {number} {name}")
        except Exception:  # noqa: BLE001 - every failure becomes a TAP line
            failed += 1
            print(f"not ok {number} {name}")
            for line in traceback.format_exc().splitlines():
                print(f"# {line}")
        sys.stdout.flush()
    return 1 if failed else 0

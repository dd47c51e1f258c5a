#!/usr/bin/python3
# test-install.py: `meson install --destdir` puts every file the desktop needs in place.
#
# Copyright 2026 The ESC Assessor Authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test-install.py BUILD_DIR APP_ID GETTEXT_PACKAGE PREFIX BINDIR DATADIR LOCALEDIR GUI
# Installs the build into a private folder (nothing is rebuilt) and checks each path the
# desktop, the file manager and the application itself read, printing TAP.
import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

build, app_id, package, prefix, bindir, datadir, localedir, gui = sys.argv[1:9]
gui = gui == "true"
base_id = app_id.removesuffix(".Devel")
results = []


def check(name, ok, detail=""):
    results.append((name, ok, detail))


def under(root, folder):
    # Folder options are relative to the prefix, or absolute.
    return root + (folder if os.path.isabs(folder) else os.path.join(prefix, folder))


def main():
    destdir = tempfile.mkdtemp(prefix="esc-install-")
    try:
        env = dict(os.environ, DESTDIR="")
        env.pop("DESTDIR")
        result = subprocess.run(["meson", "install", "-C", build, "--destdir", destdir, "--no-rebuild", "--quiet"],
                                capture_output=True, text=True, env=env)
        check("meson install --destdir succeeds", result.returncode == 0, result.stdout + result.stderr)
        if result.returncode != 0:
            return

        bin_dir = under(destdir, bindir)
        share = under(destdir, datadir)
        locale = under(destdir, localedir)
        files = {
            "the command-line tool": os.path.join(bin_dir, "esc-cli"),
            "the gschema": os.path.join(share, "glib-2.0", "schemas", base_id + ".gschema.xml"),
            "the MIME type": os.path.join(share, "mime", "packages", app_id + ".xml"),
            "the Thai translation": os.path.join(locale, "th", "LC_MESSAGES", package + ".mo"),
            "the framework folder": os.path.join(share, package, "frameworks"),
            "the demo workspace": os.path.join(share, package, "demo", "demo.esca"),
        }
        if gui:
            files.update({
                "the application": os.path.join(bin_dir, "esc-assessor"),
                "the desktop file": os.path.join(share, "applications", app_id + ".desktop"),
                "the AppStream metainfo": os.path.join(share, "metainfo", app_id + ".metainfo.xml"),
                "the scalable icon": os.path.join(share, "icons", "hicolor", "scalable", "apps", app_id + ".svg"),
                "the symbolic icon": os.path.join(share, "icons", "hicolor", "symbolic", "apps",
                                                  app_id + "-symbolic.svg"),
            })
        for what, path in files.items():
            check(f"{what} is installed at {os.path.relpath(path, destdir)}", os.path.exists(path), path)

        for what in ("the application", "the command-line tool"):
            if what in files and os.path.exists(files[what]):
                check(f"{what} is executable", os.access(files[what], os.X_OK), files[what])

        # Nothing is written outside the destination (the prefix's own folders stay untouched).
        stray = [p for p in os.listdir(destdir) if not prefix.lstrip("/").startswith(p)]
        check("everything lands under the prefix", not stray, " ".join(stray))

        if gui:
            desktop = files["the desktop file"]
            if os.path.exists(desktop):
                with open(desktop, encoding="utf-8") as f:
                    text = f.read()
                check("the desktop file opens .esca files", "application/x-esc-assessment" in text, text)
                check("the desktop file names the icon", f"Icon={app_id}\n" in text, text)
                check("the desktop file is translated into Thai", "Name[th]=" in text, text)
            mime = files["the MIME type"]
            if os.path.exists(mime):
                root = ET.parse(mime).getroot()
                types = [e.get("type") for e in root]
                check("the MIME xml declares application/x-esc-assessment",
                      "application/x-esc-assessment" in types, str(types))
            tool = shutil.which("desktop-file-validate")
            if tool and os.path.exists(desktop):
                result = subprocess.run([tool, desktop], capture_output=True, text=True)
                check("the installed desktop file validates", result.returncode == 0, result.stdout + result.stderr)

        schemas = shutil.which("glib-compile-schemas")
        schema_dir = os.path.dirname(files["the gschema"])
        if schemas and os.path.isdir(schema_dir):
            result = subprocess.run([schemas, "--strict", "--dry-run", schema_dir], capture_output=True, text=True)
            check("the installed schemas compile", result.returncode == 0, result.stderr)
    finally:
        shutil.rmtree(destdir, ignore_errors=True)


try:
    main()
except Exception as e:  # noqa: BLE001 - any failure is one failed test line
    check("the install check ran", False, repr(e))

print(f"1..{len(results)}")
failed = 0
for i, (name, ok, detail) in enumerate(results, 1):
    print(f"{'ok' if ok else 'not ok'} {i} - {name}")
    if not ok:
        failed += 1
        for line in str(detail).splitlines()[:20]:
            print(f"# {line}")
sys.exit(1 if failed else 0)

#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Reads a workbook with openpyxl (an independent reader) and prints what the
# tests compare as JSON: sheet names, every cell with its type, the frozen
# pane, the print titles, the autofilter, page setup and document properties.
# Run with Debian's /usr/bin/python3 (python3-openpyxl).
import json
import sys

import openpyxl


def dump(path):
    wb = openpyxl.load_workbook(path)
    out = {
        "sheets": [],
        "properties": {
            "title": wb.properties.title,
            "creator": wb.properties.creator,
            "created": wb.properties.created.isoformat() if wb.properties.created else None,
        },
    }
    for ws in wb.worksheets:
        cells = []
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is None:
                    continue
                cells.append({
                    "row": cell.row - 1,
                    "col": cell.column - 1,
                    "type": cell.data_type,
                    "value": cell.value,
                    "font": cell.font.name if cell.font else None,
                    "number_format": cell.number_format,
                    "wrap": bool(cell.alignment.wrap_text) if cell.alignment else False,
                })
        out["sheets"].append({
            "name": ws.title,
            "freeze_panes": ws.freeze_panes,
            "print_title_rows": ws.print_title_rows,
            "auto_filter": ws.auto_filter.ref,
            "orientation": ws.page_setup.orientation,
            "paper_size": ws.page_setup.paperSize,
            "charts": len(ws._charts),
            "conditional_formats": [str(cf.sqref) for cf in ws.conditional_formatting],
            "column_widths": {k: v.width for k, v in ws.column_dimensions.items() if v.width},
            "cells": cells,
        })
    return out


if __name__ == "__main__":
    json.dump(dump(sys.argv[1]), sys.stdout, ensure_ascii=False, default=str)
    sys.stdout.write("\n")

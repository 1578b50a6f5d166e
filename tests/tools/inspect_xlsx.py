#!/usr/bin/python3
"""Reads an .xlsx with openpyxl, an independent reader, and prints what the tests check as JSON.

usage: /usr/bin/python3 tests/tools/inspect_xlsx.py FILE [MAX_ROWS]
"""
import datetime
import json
import sys

import re
import zipfile

import openpyxl


def value(v):
    if isinstance(v, (datetime.datetime, datetime.date)):
        return v.isoformat()
    return v


def font(c):
    return {"name": c.font.name, "size": c.font.sz, "bold": bool(c.font.b)}


def main():
    path = sys.argv[1]
    max_rows = int(sys.argv[2]) if len(sys.argv) > 2 else 12
    wb = openpyxl.load_workbook(path)
    out = {"sheets": [], "names": {}}
    try:
        items = list(wb.defined_names.items())
    except AttributeError:  # openpyxl < 3.1
        items = [(d.name, d) for d in wb.defined_names.definedName]
    for name, d in items:
        out["names"][name] = d.attr_text
    for ws in wb.worksheets:
        s = {
            "name": ws.title,
            "state": ws.sheet_state,
            "maxRow": ws.max_row,
            "maxColumn": ws.max_column,
        }
        if ws.sheet_state == "visible":
            ps = ws.page_setup
            s.update(
                {
                    "merges": sorted(str(m) for m in ws.merged_cells.ranges),
                    "printTitleRows": ws.print_title_rows,
                    "orientation": ps.orientation,
                    "paperSize": ps.paperSize,
                    "fitToPage": bool(ws.sheet_properties.pageSetUpPr and ws.sheet_properties.pageSetUpPr.fitToPage),
                    "fitToWidth": ps.fitToWidth,
                    "fitToHeight": ps.fitToHeight,
                    "footer": ws.oddFooter.center.text,
                    "protected": bool(ws.protection.sheet),
                    "passwordHash": ws.protection.hashValue or ws.protection.password,
                    "insertRows": ws.protection.insertRows,
                    "validations": [
                        {"type": dv.type, "sqref": str(dv.sqref), "formula1": dv.formula1, "errorStyle": dv.errorStyle}
                        for dv in ws.data_validations.dataValidation
                    ],
                    "hiddenColumns": [k for k, dim in ws.column_dimensions.items() if dim.hidden],
                    "fonts": {},
                    "locked": {},
                    "rows": [],
                }
            )
            for row in ws.iter_rows(min_row=1, max_row=min(ws.max_row, max_rows)):
                s["rows"].append([value(c.value) for c in row])
            # Fonts and locks of every cell in the first rows: the tests pick the ones they need.
            for row in ws.iter_rows(min_row=1, max_row=min(ws.max_row, max_rows)):
                for c in row:
                    if c.value is not None or c.has_style:
                        s["fonts"][c.coordinate] = font(c)
                        s["locked"][c.coordinate] = bool(c.protection.locked)
            last = [value(c.value) for c in ws[ws.max_row]]
            s["lastRow"] = last
            s["allFontNames"] = sorted({c.font.name for r in ws.iter_rows() for c in r if c.value is not None})
        else:
            s["rows"] = [[value(c.value) for c in r] for r in ws.iter_rows(min_row=1, max_row=min(ws.max_row, 20))]
        out["sheets"].append(s)
    # The order of a worksheet's parts after its data, as written: Excel refuses other orders.
    with zipfile.ZipFile(path) as z:
        xml = z.read("xl/worksheets/sheet1.xml").decode("utf8")
    tail = xml.split("</sheetData>", 1)[1]
    out["sheet1TailElements"] = re.findall(r"<([a-zA-Z]+)[\s/>]", tail)
    json.dump(out, sys.stdout, ensure_ascii=False, default=str)


main()

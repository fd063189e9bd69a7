#!/usr/bin/env python3
"""Prints each failed test of the given .trx files: its name, then the head of its message and stack trace."""
import sys
import xml.etree.ElementTree as ElementTree

NS = "{http://microsoft.com/schemas/VisualStudio/TeamTest/2010}"
MESSAGE_LINES = 20
STACK_LINES = 8


def head(text, lines):
    kept = (text or "").strip().splitlines()
    return kept[:lines] + ([f"... ({len(kept) - lines} more lines)"] if len(kept) > lines else [])


def main(paths):
    for path in paths:
        for result in ElementTree.parse(path).getroot().iter(f"{NS}UnitTestResult"):
            if result.get("outcome") != "Failed":
                continue
            print(f"  {result.get('testName')} [{result.get('duration')}]")
            info = result.find(f"{NS}Output/{NS}ErrorInfo")
            if info is None:
                continue
            for line in head(info.findtext(f"{NS}Message"), MESSAGE_LINES) + head(info.findtext(f"{NS}StackTrace"), STACK_LINES):
                print(f"    {line}")


if __name__ == "__main__":
    main(sys.argv[1:])

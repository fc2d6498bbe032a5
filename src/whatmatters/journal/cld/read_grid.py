"""What the CLD file readers share: the table of text they produce, and their refusal."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import polars as pl

from whatmatters.journal.cld.problems import file_problem

MAX_FIELD_CHARS = 32_767  # the most an Excel cell holds: a longer value is a broken file


class FileRule(StrEnum):
    """Why a whole file could not be imported."""

    UNREADABLE = "file_unreadable"
    EMPTY = "file_empty"
    HEADER_ONLY = "file_header_only"
    BINARY = "file_binary"
    ENCODING = "file_encoding"
    DELIMITER = "file_delimiter"
    DUPLICATE_COLUMNS = "file_duplicate_columns"
    NO_CLD_COLUMNS = "file_no_cld_columns"
    MISSING_COLUMNS = "file_missing_columns"
    MALFORMED = "file_malformed"
    FIELD_TOO_LONG = "file_field_too_long"
    WORKBOOK = "file_workbook"
    WORKBOOK_TOO_LARGE = "file_workbook_too_large"
    CONTROL_CHARACTER = "file_control_character"


class CldFileError(Exception):
    """A file that cannot be read as a CLD table; nothing from it is imported."""

    def __init__(self, source: str, rule: FileRule, message: str, row: int | None = None) -> None:
        self.source, self.rule, self.row = source, rule, row
        where = f"{source} row {row}" if row else source
        super().__init__(f"{where}: {message}")
        self.detail = message

    def problem(self) -> pl.DataFrame:
        return file_problem(self.source, self.rule.value, self.detail, row=self.row)


@dataclass
class Grid:
    header: list[str]
    table: pl.DataFrame  # one String column per header cell, named c0, c1, …
    rows: pl.Series | None  # spreadsheet row of each record; None: consecutive from 2
    encoding: str


def text_frame(columns: list[list[str | None]]) -> pl.DataFrame:
    return pl.DataFrame(
        {f"c{i}": c for i, c in enumerate(columns)},
        schema=dict.fromkeys((f"c{i}" for i in range(len(columns))), pl.String),
    )

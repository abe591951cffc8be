"""Loads the legal data files once (the only I/O of the legal core)."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

DATA = Path(__file__).resolve().parent / "data"
PROCEDURE_IDS = (
    "CCPR-OP1",
    "CERD-14",
    "CAT-22",
    "CEDAW-OP",
    "CRPD-OP",
    "CED-31",
    "CESCR-OP",
    "CRC-OP3",
    "CMW-77",
)


def read_csv(path: Path) -> Iterator[dict[str, str]]:
    """Rows of a CSV whose leading '#' lines describe its source."""
    with path.open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(line for line in handle if not line.startswith("#"))


@dataclass(frozen=True)
class Acceptance:
    iso3: str
    procedure: str
    accepted: bool
    date: date | None
    parent_party: bool
    parent_date: date | None
    note: str

    @property
    def denounced(self) -> bool:
        return not self.accepted and self.note.startswith("denounced")


@dataclass(frozen=True)
class Reservation:
    procedure: str
    iso3: str
    type: str
    same_matter_bars: tuple[str, ...]
    same_matter_scope: str
    temporal_from: str
    began_after: bool
    other_limits: str
    effect_summary: str
    source: str


@dataclass(frozen=True)
class Denunciation:
    procedure: str
    iso3: str
    accepted_on: date
    effective: date
    unverified: bool
    note: str


@dataclass(frozen=True)
class State:
    iso3: str
    iso2: str
    name: str


@dataclass(frozen=True)
class LegalData:
    as_of: date
    procedures: dict[str, dict[str, Any]]
    acceptance: dict[tuple[str, str], Acceptance]
    reservations: dict[tuple[str, str], tuple[Reservation, ...]]
    regional: dict[str, dict[str, Any]]
    states: dict[str, State]
    denunciations: dict[tuple[str, str], Denunciation]
    other_routes: dict[str, dict[str, Any]]


def _day(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


def load_from(folder: Path) -> LegalData:
    procedures_doc = yaml.safe_load((folder / "procedures.yml").read_text(encoding="utf-8"))
    regional_doc = yaml.safe_load((folder / "regional.yml").read_text(encoding="utf-8"))
    acceptance = {
        (row["iso3"], row["procedure"]): Acceptance(
            iso3=row["iso3"],
            procedure=row["procedure"],
            accepted=row["accepted"] == "yes",
            date=_day(row["date"]),
            parent_party=row["parent_party"] == "yes",
            parent_date=_day(row["parent_date"]),
            note=row["note"],
        )
        for row in read_csv(folder / "acceptance.csv")
    }
    reservations: dict[tuple[str, str], list[Reservation]] = {}
    for row in read_csv(folder / "reservations.csv"):
        reservations.setdefault((row["procedure"], row["iso3"]), []).append(
            Reservation(
                procedure=row["procedure"],
                iso3=row["iso3"],
                type=row["type"],
                same_matter_bars=tuple(b for b in row["same_matter_bars"].split(";") if b),
                same_matter_scope=row["same_matter_scope"],
                temporal_from=row["temporal_from"],
                began_after=row["began_after"] == "yes",
                other_limits=row["other_limits"],
                effect_summary=row["effect_summary"],
                source=row["source"],
            )
        )
    states = {
        row["iso3"]: State(row["iso3"], row["iso2"], row["untc_name"])
        for row in read_csv(folder / "states.csv")
    }
    denunciations = {
        (row["iso3"], row["procedure"]): Denunciation(
            procedure=row["procedure"],
            iso3=row["iso3"],
            accepted_on=date.fromisoformat(row["accepted_on"]),
            effective=date.fromisoformat(row["effective"]),
            unverified=row["unverified"] == "yes",
            note=row["note"],
        )
        for row in read_csv(folder / "denunciations.csv")
    }
    routes_doc = yaml.safe_load((folder / "other_routes.yml").read_text(encoding="utf-8"))
    return LegalData(
        as_of=date.fromisoformat(str(procedures_doc["as_of"])),
        procedures=procedures_doc["procedures"],
        acceptance=acceptance,
        reservations={key: tuple(value) for key, value in reservations.items()},
        regional=regional_doc["systems"],
        states=states,
        denunciations=denunciations,
        other_routes=routes_doc["routes"],
    )


@lru_cache(maxsize=1)
def load() -> LegalData:
    return load_from(DATA)

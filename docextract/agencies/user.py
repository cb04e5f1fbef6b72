"""A user's own agencies (a commune, a local company) added to the gazetteer without editing the package.

``docextract extract --agencies FILE`` or the environment variable ``DOCEXTRACT_AGENCIES``
(files separated by ``os.pathsep``) names JSON files in the gazetteer's format
(``docextract/data/agencies.json``), of which two parts are read::

    {"bodies": [{"name": "Ủy ban nhân dân xã Tân Lập", "aliases": ["UBND xã Tân Lập"], "level": "commune"}],
     "abbreviations": {"HTX": "Hợp tác xã"}}

A body takes the gazetteer's keys (``name``, ``aliases``, ``level`` and the flags
``takes_place``, ``needs_place``, ``needs_name``, ``named``, ``descriptive``, ``not_agency``).
"""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from ..errors import DocextractError

ENV_VAR = "DOCEXTRACT_AGENCIES"
FLAGS = ("takes_place", "needs_place", "needs_name", "named", "descriptive", "not_agency")
MAX_FILE_BYTES = 20 << 20  # a gazetteer of a few thousand bodies is well under 1 MB


class AgencyFileError(DocextractError):
    """A user agency file that cannot be used; the message names the file and what is wrong."""

    def __init__(self, path: str, what: str):
        super().__init__(path, f"{what}; see 'docextract extract --help' (--agencies) for the format")


def files_from_env() -> list[str]:
    return [p for p in os.environ.get(ENV_VAR, "").split(os.pathsep) if p]


def _check_body(path: str, number: int, body) -> dict:
    where = f"bodies[{number}]"
    if not isinstance(body, dict):
        raise AgencyFileError(path, f"{where} is not an object with a \"name\"")
    if not isinstance(body.get("name"), str) or not body["name"].strip():
        raise AgencyFileError(path, f"{where} has no \"name\" text")
    aliases = body.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
        raise AgencyFileError(path, f"{where} (\"{body['name']}\"): \"aliases\" is not a list of names")
    if not isinstance(body.get("level", "any"), str):
        raise AgencyFileError(path, f"{where} (\"{body['name']}\"): \"level\" is not text")
    for flag in FLAGS:
        if not isinstance(body.get(flag, False), bool):
            raise AgencyFileError(path, f"{where} (\"{body['name']}\"): \"{flag}\" is not true or false")
    return {"name": body["name"].strip(), "aliases": [a.strip() for a in aliases],
            "level": body.get("level", "any"), **{f: body[f] for f in FLAGS if f in body}}


def load_file(path: str) -> dict:
    """The bodies and abbreviations of one user file, checked; AgencyFileError when it is unusable."""
    try:
        if Path(path).stat().st_size > MAX_FILE_BYTES:
            raise AgencyFileError(path, f"the file is larger than {MAX_FILE_BYTES >> 20} MB")
        data = json.loads(Path(path).read_bytes().decode("utf-8-sig"))
    except OSError as exc:
        raise AgencyFileError(path, f"cannot be read ({exc.strerror or exc})") from None
    except UnicodeDecodeError:
        raise AgencyFileError(path, "is not UTF-8 text") from None
    except ValueError as exc:
        raise AgencyFileError(path, f"is not valid JSON ({exc})") from None
    if not isinstance(data, dict) or not isinstance(data.get("bodies", []), list):
        raise AgencyFileError(path, "is not an object with a \"bodies\" list")
    abbreviations = data.get("abbreviations", {})
    if not isinstance(abbreviations, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in abbreviations.items()):
        raise AgencyFileError(path, "\"abbreviations\" is not an object of text to text")
    if not data.get("bodies") and not abbreviations:
        raise AgencyFileError(path, "holds no \"bodies\" and no \"abbreviations\"")
    bodies = [_check_body(path, n, body) for n, body in enumerate(data.get("bodies", []))]
    return {"bodies": bodies, "abbreviations": {k: v for k, v in abbreviations.items() if not k.startswith("_")}}


def with_user_agencies(data: dict, paths: list[str] | None = None) -> dict:
    """The gazetteer ``data`` with the bodies and abbreviations of the user files (default: those
    of DOCEXTRACT_AGENCIES) added; a user body named like a bundled one replaces it."""
    paths = files_from_env() if paths is None else paths
    if not paths:
        return data
    bodies = {body["name"]: body for body in data["bodies"]}
    abbreviations = dict(data["abbreviations"])
    for path in paths:
        extra = load_file(path)
        bodies.update((body["name"], body) for body in extra["bodies"])
        abbreviations.update(extra["abbreviations"])
    return {**data, "bodies": list(bodies.values()), "abbreviations": abbreviations}


def fingerprint(paths: list[str]) -> list[str]:
    """The sha256 of each user file: outputs made with other agency files are out of date."""
    return [hashlib.sha256(Path(p).read_bytes()).hexdigest() for p in paths]

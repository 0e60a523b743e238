"""Tests for coalitions.files.schema: JSON Schemas of the YAML files, generated from the model and shipped."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import attrs
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import any_declarations, any_memberships, any_organisations, any_people, any_sources

from coalitions import bundled_data_path
from coalitions.files.dump import dump_record, file_data, render
from coalitions.files.parse import parse_yaml
from coalitions.files.reader import yaml_fields
from coalitions.files.schema import FIELD_HELP, KINDS, file_schema, schema_path, schema_text

jsonschema = pytest.importorskip("jsonschema", reason='needs jsonschema: pip install "coalitions[schema]"')

_FOLDER_KIND = {"organisations": "organisation", "people": "person", "memberships": "memberships",
                "declarations": "declaration"}  # fmt: skip


class _Yaml12Loader(yaml.SafeLoader):
    """PyYAML with the YAML 1.2 core schema, as editors read YAML: no timestamps, no yes/no booleans."""


_Yaml12Loader.yaml_implicit_resolvers = {}
for _tag, _pattern, _first in [
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", list("~nN") + [""]),
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+)$", list("-+0123456789")),
]:
    _Yaml12Loader.add_implicit_resolver(_tag, re.compile(_pattern), _first)


def _validate(kind: str, data: Any) -> list[str]:
    validator = jsonschema.Draft202012Validator(file_schema(kind))
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)]


def _bundled_files() -> list[tuple[str, Path]]:
    root = bundled_data_path()
    files = [("sources", root / "sources.yaml")] if (root / "sources.yaml").exists() else []
    for folder, kind in _FOLDER_KIND.items():
        files += [(kind, p) for p in sorted((root / folder).glob("*.yaml"))]
    return files


class TestShipped:
    """The schema files in the package."""

    @pytest.mark.parametrize("kind", list(KINDS))
    def test_no_drift(self, kind: str) -> None:
        """The shipped schema is what the model generates (run ``python -m coalitions.files.schema`` after a change)."""
        assert schema_text(kind) == schema_path(kind).read_text(encoding="utf-8")

    @pytest.mark.parametrize("kind", list(KINDS))
    def test_valid_schema(self, kind: str) -> None:
        """Each shipped file is a valid draft 2020-12 schema."""
        jsonschema.Draft202012Validator.check_schema(json.loads(schema_path(kind).read_text(encoding="utf-8")))

    def test_every_field(self) -> None:
        """Every field of every record class has a property, a description, and is required exactly when the model
        requires it."""
        schema = file_schema("declaration")
        defs = {**file_schema("organisation")["$defs"], **schema["$defs"], "Declaration": schema,
                "Organisation": file_schema("organisation"), "Person": file_schema("person"),
                "Source": file_schema("sources")["$defs"]["Source"],
                "Membership": file_schema("memberships")["$defs"]["Membership"]}  # fmt: skip
        for name, definition in defs.items():
            cls = getattr(__import__("coalitions"), name)
            fields = yaml_fields(cls)
            assert [k for k, _ in fields] == sorted(definition["properties"], key=[k for k, _ in fields].index)
            assert {k for k, a in fields if a.default is attrs.NOTHING} == set(definition["required"])
            for key, attribute in fields:
                assert f"{name}.{attribute.name}" in FIELD_HELP, f"{name}.{attribute.name} has no help text"

    def test_unknown_kind(self) -> None:
        """An unknown kind names the kinds."""
        with pytest.raises(ValueError, match="organisation, person"):
            file_schema("party")


class TestValidates:
    """The schemas accept the data the loader accepts."""

    @pytest.mark.parametrize(("kind", "path"), _bundled_files(), ids=lambda v: getattr(v, "name", v))
    def test_bundled_data(self, kind: str, path: Path) -> None:
        """Every bundled file validates, read as coalitions reads it (all text) and as a YAML 1.2 editor reads it."""
        data = path.read_bytes()
        assert [] == _validate(kind, parse_yaml(data, str(path)))
        assert [] == _validate(kind, yaml.load(data, Loader=_Yaml12Loader))  # noqa: S506 - a safe loader subclass

    @settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.one_of(any_organisations(), any_people(), any_declarations()))
    def test_dumped_records(self, record: Any) -> None:
        """Rule: "the bundled data validates" generalised: any record written canonically validates, read both ways."""
        kind = {"Organisation": "organisation", "Person": "person", "Declaration": "declaration"}[type(record).__name__]
        text = dump_record(record)
        assert [] == _validate(kind, parse_yaml(text.encode()))
        assert [] == _validate(kind, yaml.load(text, Loader=_Yaml12Loader))  # noqa: S506

    @settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.lists(any_memberships(organisation=st.just("council")), min_size=1, max_size=2),
           st.lists(any_sources(), min_size=1, max_size=2))  # fmt: skip
    def test_dumped_files(self, memberships: list[Any], sources: list[Any]) -> None:
        """Rule: memberships and sources files written canonically validate."""
        assert [] == _validate("memberships", parse_yaml(render(file_data("memberships", memberships)).encode()))
        assert [] == _validate("sources", parse_yaml(render(file_data("sources", sources)).encode()))

    @pytest.mark.parametrize(
        ("text", "message"),
        [
            ("id: Bad Id\nname: X\nsources: [doc]\n", "does not match"),
            ("id: x\nname: X\n", "'sources' is a required property"),
            ("id: x\nname: X\nsources: [doc]\nnickname: Y\n", "Additional properties"),
            ("id: x\nname: X\nsources: [{quote: q}]\n", "is not valid under any of the given schemas"),
        ],
    )  # fmt: skip
    def test_mistakes_are_flagged(self, text: str, message: str) -> None:
        """A bad id, a missing field, an unknown field and a citation without source are flagged."""
        errors = _validate("person", parse_yaml(text.encode()))
        assert any(message in e for e in errors), errors

#!/usr/bin/env python3
"""Writes Rules/schema.json, the JSON Schema of rule packs and rule files (for editors and tests)."""
import json
import os

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

patterns = {"description": "A literal or 're:' regular expression, or a list of them (any matches).",
            "oneOf": [{"type": "string", "minLength": 1},
                      {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1}]}
severity = {"enum": ["error", "warning", "info"]}
scope = {"type": "string", "description": "document, opening, title, headings, body, or a section name"}
selector_props = {
    "level": {"type": "integer", "minimum": 1, "maximum": 6},
    "min_level": {"type": "integer", "minimum": 1, "maximum": 6},
    "max_level": {"type": "integer", "minimum": 1, "maximum": 6},
    "outside": {"oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]},
    "exclude": {"$ref": "#/definitions/patterns"},
    "first": {"type": "boolean"},
}
cond = lambda key, props, required=None: {
    "type": "object", "additionalProperties": False,
    "required": [key], "properties": {**props}}
compare_ops = ["equals", "not_equals", "before", "on_or_before", "after", "on_or_after", "at_least", "at_most"]
schema = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "$id": "https://reportlint.example/schema/rule-pack.json",
    "title": "reportlint rule pack or rule file",
    "anyOf": [{"$ref": "#/definitions/pack"}, {"$ref": "#/definitions/rule"},
              {"type": "array", "items": {"$ref": "#/definitions/rule"}}],
    "definitions": {
        "patterns": patterns,
        "severity": severity,
        "condition": {"oneOf": [
            cond("section", {"section": {"type": "string"}}),
            cond("heading", {"heading": {"$ref": "#/definitions/patterns"}, **selector_props}),
            cond("text", {"text": {"$ref": "#/definitions/patterns"}, "in": scope,
                          "min_count": {"type": "integer", "minimum": 1}}),
            cond("no_text", {"no_text": {"$ref": "#/definitions/patterns"}, "in": scope}),
            cond("near", {"near": {"type": "array", "minItems": 2, "maxItems": 2,
                                   "items": {"$ref": "#/definitions/patterns"}},
                          "within": {"type": "integer", "minimum": 0}, "same_sentence": {"type": "boolean"},
                          "in": scope}),
            cond("metadata", {"metadata": {"enum": ["title", "agency", "year", "date"]},
                              "contains": {"$ref": "#/definitions/patterns"},
                              "contains_all": {"type": "array", "items": {"$ref": "#/definitions/patterns"}},
                              "from": {"oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}}),
            cond("compare", {"compare": {"type": "object", "additionalProperties": False, "required": ["value"],
                                         "minProperties": 2, "maxProperties": 2,
                                         "properties": {"value": {"type": "string"},
                                                        **{op: {"type": ["string", "integer"]} for op in compare_ops}}}}),
            cond("all", {"all": {"type": "array", "minItems": 1, "items": {"$ref": "#/definitions/condition"}}}),
            cond("any", {"any": {"type": "array", "minItems": 1, "items": {"$ref": "#/definitions/condition"}}}),
            cond("not", {"not": {"$ref": "#/definitions/condition"}}),
        ]},
        "example": {"oneOf": [{"type": "string"},
                              {"type": "object", "additionalProperties": False, "required": ["text"],
                               "properties": {"text": {"type": "string"}, "severity": severity}}]},
        "rule": {
            "type": "object", "additionalProperties": False,
            "required": ["id", "title", "severity", "basis", "hint", "pass_if"],
            "properties": {
                "id": {"type": "string", "pattern": "^[a-z0-9-]+$"},
                "title": {"type": "string", "description": "Chinese title of the requirement"},
                "title_en": {"type": "string"},
                "severity": severity,
                "basis": {"type": "string", "description": "legal citation"},
                "hint": {"type": "string", "description": "what to write (Chinese)"},
                "hint_en": {"type": "string"},
                "group": {"type": "string", "description": "regulation item, groups checklists"},
                "description": {"type": "string"},
                "applies_if": {"$ref": "#/definitions/condition"},
                "pass_if": {"$ref": "#/definitions/condition"},
                "fallbacks": {"type": "array", "items": {
                    "type": "object", "additionalProperties": False, "required": ["when", "severity", "message"],
                    "properties": {"when": {"$ref": "#/definitions/condition"}, "severity": severity,
                                   "message": {"type": "string"}}}},
                "message": {"type": "string"},
                "pass_message": {"type": "string"},
                "not_applicable_message": {"type": "string"},
                "examples": {"type": "object", "additionalProperties": False, "properties": {
                    k: {"type": "array", "items": {"$ref": "#/definitions/example"}}
                    for k in ["pass", "fail", "not_applicable"]}},
            },
        },
        "pack": {
            "type": "object", "additionalProperties": False, "required": ["id"],
            "properties": {
                "id": {"type": "string"},
                "version": {"type": ["string", "number"]},
                "title": {"type": "string"},
                "description": {"type": "string"},
                "extends": {"oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]},
                "parameters": {"type": "object", "additionalProperties": {"type": ["string", "number"]}},
                "sections": {"type": "object", "additionalProperties": {
                    "type": "object", "additionalProperties": False, "required": ["heading"],
                    "properties": {"title": {"type": "string"}, "heading": {"$ref": "#/definitions/patterns"},
                                   **selector_props}}},
                "rules": {"type": "array", "items": {"$ref": "#/definitions/rule"}},
                "overrides": {"type": "object", "additionalProperties": {
                    "type": "object", "additionalProperties": False,
                    "properties": {"severity": severity, "disabled": {"type": "boolean"}, "title": {"type": "string"},
                                   "hint": {"type": "string"}, "basis": {"type": "string"}}}},
            },
        },
    },
}

if __name__ == "__main__":
    with open(os.path.join(ROOT, "Rules", "schema.json"), "w", encoding="utf-8") as f:
        json.dump(schema, f, ensure_ascii=False, indent=2)
        f.write("\n")

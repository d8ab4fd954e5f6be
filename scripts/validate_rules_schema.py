#!/usr/bin/env python3
"""Validates every YAML file under Rules/ against Rules/schema.json (run by the test suite)."""
import glob
import json
import os
import sys

import jsonschema
import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
schema = json.load(open(os.path.join(ROOT, "Rules", "schema.json"), encoding="utf-8"))
validator = jsonschema.Draft7Validator(schema)
paths = sys.argv[1:] or sorted(glob.glob(os.path.join(ROOT, "Rules", "**", "*.yml"), recursive=True))
bad = 0
for path in paths:
    data = yaml.safe_load(open(path, encoding="utf-8"))
    errors = list(validator.iter_errors(data))
    if errors:
        bad += 1
        best = jsonschema.exceptions.best_match(errors)
        print(f"{path}: {best.message} at {'/'.join(map(str, best.absolute_path))}")
print(f"{len(paths) - bad} valid, {bad} invalid")
sys.exit(1 if bad else 0)

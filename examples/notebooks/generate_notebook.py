#!/usr/bin/env python3
"""Writes bitbucket_analytics.ipynb from ../sql/bitbucket_analytics.sql, so that the notebook runs
exactly the SQL file's statements (AnalyticsExamplesIT checks that it still does).

    python3 examples/notebooks/generate_notebook.py
"""
import json
import pathlib
import re

HERE = pathlib.Path(__file__).resolve().parent
SQL = HERE.parent / "sql" / "bitbucket_analytics.sql"
OUT = HERE / "bitbucket_analytics.ipynb"

# What each analysis is charted as in pandas (x column, y columns, kind).
PLOTS = {
    "cycle_time_by_repository": ("repository", ["median_hours", "p90_hours"], "bar"),
    "merges_per_week": ("week", ["merges"], "line"),
    "review_load": ("reviewer", ["pull_requests_reviewed", "review_comments"], "barh"),
    "pipeline_health_by_repository": ("repository", ["success_rate_pct"], "bar"),
    "branch_age_by_repository": ("repository", ["median_age_days", "oldest_days"], "bar"),
}


def parse(text):
    """Setup statements, then (name, description, sql) per named query: AnalyticsScript's rules."""
    setup, queries = [], []
    name, description, statement = None, [], []
    for line in text.splitlines():
        trimmed = line.strip()
        if trimmed.startswith("-- name:"):
            name, description = trimmed[len("-- name:"):].strip(), []
            continue
        if trimmed.startswith("--"):
            if name is not None and not statement:
                description.append(trimmed[2:].strip())
            continue
        if not trimmed and not statement:
            continue
        statement.append(line.rstrip())
        if trimmed.endswith(";"):
            sql = "\n".join(statement).strip()[:-1].strip()
            if name is None:
                setup.append(sql)
            else:
                queries.append((name, " ".join(description), sql))
                name = None
            statement = []
    return setup, queries


def lines(text):
    parts = text.split("\n")
    return [p + "\n" for p in parts[:-1]] + [parts[-1]]


def markdown(text):
    return {"cell_type": "markdown", "metadata": {}, "source": lines(text)}


def code(text):
    return {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
            "source": lines(text)}


def main():
    setup, queries = parse(SQL.read_text())
    cells = [
        markdown("# Bitbucket analytics with PySpark\n\n"
                 "Pull request cycle time, merges per week, review load, pipeline health and branch "
                 "age, read through the spark-bitbucket connector. The SQL is the same as "
                 "`examples/sql/bitbucket_analytics.sql` (this notebook is generated from it by "
                 "`generate_notebook.py`).\n\n"
                 "Start the standalone emulator first (from the repository root):\n\n"
                 "```\n"
                 "mvn -B -ntp -DskipTests package\n"
                 "java -jar integration-tests/target/spark-bitbucket-emulator-0.1.0-SNAPSHOT-standalone.jar --port 7990\n"
                 "```\n\n"
                 "then run this notebook from `examples/notebooks` (`pip install pyspark==4.1.* pandas matplotlib`). "
                 "For a real workspace, drop the endpoint, set your token, and change `acme` in the `USE`."),
        code('import os\n'
             'from pyspark.sql import SparkSession\n'
             '\n'
             'JAR = os.path.abspath("../../connector/target/spark-bitbucket-0.1.0-SNAPSHOT-shaded.jar")\n'
             'ENDPOINT = os.environ.get("BITBUCKET_ENDPOINT", "http://127.0.0.1:7990/2.0")  # the standalone emulator\n'
             'TOKEN = os.environ.get("BITBUCKET_TOKEN", "emu-token-full-0001")              # its full-scope token\n'
             '\n'
             'spark = (SparkSession.builder\n'
             '         .appName("bitbucket-analytics")\n'
             '         .config("spark.jars", JAR)\n'
             '         .config("spark.sql.catalog.bb", "io.github.sparkbitbucket.BitbucketCatalog")\n'
             '         .config("spark.sql.catalog.bb.endpoint", ENDPOINT)\n'
             '         .config("spark.sql.catalog.bb.token", TOKEN)\n'
             '         .getOrCreate())'),
        code("\n".join('spark.sql("%s")' % s for s in setup)),
    ]
    for name, description, sql in queries:
        x, ys, kind = PLOTS[name]
        title = name.replace("_", " ").capitalize()
        cells.append(markdown("## %s\n\n%s" % (title, description)))
        cells.append(code('%s = spark.sql("""\n%s\n""")\n%s.show(30, truncate=False)' % (name, sql, name)))
        cells.append(code('%s.toPandas().plot(x="%s", y=%s, kind="%s", title="%s", figsize=(10, 5))'
                          % (name, x, json.dumps(ys), kind, title)))
    notebook = {
        "cells": cells,
        "metadata": {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    for i, cell in enumerate(notebook["cells"]):
        cell["id"] = "cell-%02d" % i
    OUT.write_text(json.dumps(notebook, indent=1) + "\n")


if __name__ == "__main__":
    main()

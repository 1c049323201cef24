"""The other sheets of a workbook stay candidates however many other tables retrieval reached.

Found on the logistics development key (r04, "who still hasn't done the <course>?"): the workbook's summary
sheet was retrieved, its records sheet (the answer) was added as a sibling with no retrieval score, and then cut
by the limit of six tables, since six tables of other documents had been reached first. So the answer quoted the
summary sheet instead of the overdue people.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from assistant.registers import MAX_RETRIEVED_TABLES, _candidate_tables


@dataclass
class _Hit:
    chunk_id: str
    doc_id: str


def test_a_retrieved_sheets_sibling_survives_the_table_limit() -> None:
    con = duckdb.connect()
    con.execute("CREATE TABLE registers (table_id INTEGER, doc_id VARCHAR, classification VARCHAR)")
    con.execute("CREATE TABLE row_chunks (table_id INTEGER, chunk_id VARCHAR)")
    hits: list[_Hit] = []
    others = MAX_RETRIEVED_TABLES + 1
    for t in range(others):  # one table in each of seven other documents, all retrieved first
        con.execute("INSERT INTO registers VALUES (?, ?, 'internal')", [t, f"doc{t}.md"])
        con.execute("INSERT INTO row_chunks VALUES (?, ?)", [t, f"c{t}"])
        hits.append(_Hit(f"c{t}", f"doc{t}.md"))
    summary, records = 100, 101
    con.execute("INSERT INTO registers VALUES (?, 'training.xlsx', 'confidential')", [summary])
    con.execute("INSERT INTO registers VALUES (?, 'training.xlsx', 'confidential')", [records])
    con.execute("INSERT INTO row_chunks VALUES (?, 'summary-row')", [summary])
    hits.insert(3, _Hit("summary-row", "training.xlsx"))
    found = [t for t, _ in _candidate_tables(con, hits, {"internal", "confidential"})]
    assert summary in found and records in found, found
    # The retrieved tables come first, best first; the cut still bounds how many are tried.
    assert found[0] == 0
    assert len(found) <= MAX_RETRIEVED_TABLES + 8

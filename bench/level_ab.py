"""Retrieval of the sample key's questions on one built index, in one process (layout A/B at 100k chunks).

    .venv/bin/python bench/level_ab.py CODE_ROOT DATA_DIR

CODE_ROOT: the Clausewise checkout to import (this one, or an earlier commit from ``git archive``); DATA_DIR: an
index built by ``bench/query.py`` (its ``WORK/index``). Prints one JSON line: question encode, the clearance-limited
dense query (staff and compliance questions), one unfiltered query of one collection, ``Retriever.search`` (the
retrieval behind an answer) and the process's peak RSS. Unlike ``bench/query.py --measure`` it leaves out the
answer stages, so a slow stage elsewhere in ``ask`` does not hide the store's share.
"""

import json
import os
import resource
import sys
import time

code, data = sys.argv[1], sys.argv[2]
sys.path.insert(0, code)
import numpy as np  # noqa: E402

from assistant.evaluation.key import load_key  # noqa: E402
from assistant.models import Asker  # noqa: E402
from assistant.retrieval import SearchRequest, clearance_where  # noqa: E402
from assistant.service import ClausewiseService  # noqa: E402
from ingestion.settings import Settings  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
s = Settings(data_dir=data, chroma_url=None, audit_db_url="")
svc = ClausewiseService.from_settings(s)
r = svc.retriever
qs = [(q.question, q.role) for q in load_key(os.path.join(ROOT, "corpus", "org", "expected.yaml")).questions]
coll = r.collection


def pct(v, p):
    return round(float(np.percentile(v, p)), 1)


for t, role in qs[:3]:
    r.search(SearchRequest(query=t, clearance=svc.clearance(Asker(role=role))))
enc, filt, one, search = [], [], [], []
single = coll.level("internal") if hasattr(coll, "level") else coll
for t, role in qs:
    cl = svc.clearance(Asker(role=role))
    a = time.perf_counter()
    v = r.embedder.embed_query(t).tolist()
    b = time.perf_counter()
    coll.query(query_embeddings=[v], n_results=40, where=clearance_where(cl), include=["distances"])
    c = time.perf_counter()
    single.query(query_embeddings=[v], n_results=40, include=["distances"])
    d = time.perf_counter()
    r.search(SearchRequest(query=t, clearance=cl))
    e = time.perf_counter()
    enc.append((b - a) * 1e3)
    filt.append((c - b) * 1e3)
    one.append((d - c) * 1e3)
    search.append((e - d) * 1e3)
nonaud = [i for i, (_, role) in enumerate(qs) if role != "auditor"]
print(
    json.dumps(
        {
            "code": code,
            "n": len(qs),
            "staff_compliance_n": len(nonaud),
            "encode_p50": pct(enc, 50),
            "encode_p95": pct(enc, 95),
            "clearance_query_p50": pct([filt[i] for i in nonaud], 50),
            "clearance_query_p95": pct([filt[i] for i in nonaud], 95),
            "one_unfiltered_p50": pct(one, 50),
            "one_unfiltered_p95": pct(one, 95),
            "search_p50": pct([search[i] for i in nonaud], 50),
            "search_p95": pct([search[i] for i in nonaud], 95),
            "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            "load": [round(x, 2) for x in os.getloadavg()],
        }
    )
)

"""Scale benchmark: the shipped corpus grown ~100x, ~1,000x and ~10,000x (in chunks).

    python benchmarks/scale.py corpus  --size 100       # write the corpus into .cache/scale/100/corpus
    python benchmarks/scale.py build   --size 100       # build its index (prints JSON)
    python benchmarks/scale.py serve   --size 100       # query it in a fresh process (prints JSON)
    python benchmarks/scale.py incremental --size 100   # add one page to the built index, then remove it (JSON)
    python benchmarks/scale.py engines                  # BM25 and FAISS engines alone, many sizes
    python benchmarks/scale.py all --sizes 100 1000 10000   # everything, then BENCHMARKS table + plot

The corpus mixes real text (the Python 3.11 documentation sources from Debian's python3.11-doc
package, converted to Markdown) with generated career pages in the shipped page's format (role
names, figures, list order and some vocabulary varied per page, so no two pages are alike).

Up to 1,000x every vector is a real all-MiniLM-L6-v2 embedding, made by the configured backend
(``ASSISTANT_EMBEDDING_BACKEND``: onnx by default, or torch). At 10,000x (3 million answer units,
hours of embedding on two cores) the build uses vectors made by perturbing the shipped corpus's real
unit vectors; build time is then extrapolated from the measured 1,000x embedding throughput. Query
time is always real: the question is embedded by the model, BM25, FAISS and answer selection run on
the full index.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

WORK = ROOT / ".cache" / "scale"
GUIDE = ROOT / "corpus" / "machine-learning-devops-manager-career-guide.txt"
PY_DOCS = Path("/usr/share/doc/python3.11/html/_sources")
SHIPPED_CHUNKS = 64
REAL_SHARE = 0.4  # of the target chunk count taken from real documentation, as far as it goes
PERTURBED_FROM = 10_000  # size factor from which vectors are perturbed instead of embedded

DOMAINS = ("Data", "Cloud", "Security", "Platform", "Robotics", "Fintech", "Health", "Retail", "Energy", "Edge",
           "Quantum", "Vision", "Speech", "Search", "Supply Chain", "Gaming", "Telecom", "Climate", "Legal", "Media")
FUNCTIONS = ("Operations", "Engineering", "Analytics", "Reliability", "Infrastructure", "Quality", "Automation",
             "Governance", "Research", "Integration", "Observability", "Delivery", "Modeling", "Privacy")
TITLES = ("Manager", "Lead", "Engineer", "Architect", "Specialist", "Director", "Consultant", "Analyst",
          "Strategist", "Coordinator")


# ------------------------------------------------------------------ corpus

def rst_to_markdown(text: str) -> str:
    """Just enough reStructuredText -> Markdown for the parser: underlined titles become
    headings, directives and their indented bodies are dropped, role markup is unwrapped."""
    lines = text.splitlines()
    out, levels, i, skipping = [], [], 0, False
    while i < len(lines):
        line = lines[i]
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if skipping and (not line.strip() or line.startswith((" ", "\t"))):
            i += 1
            continue
        skipping = False
        if line.startswith(".. "):
            skipping = True
            i += 1
            continue
        if re.fullmatch(r"([=\-~^\"'`#*+])\1{2,}", line.strip()) and not out[-1:] == [""] and out:
            i += 1  # an overline or a stray rule
            continue
        if line.strip() and re.fullmatch(r"([=\-~^\"'`#*+])\1{2,}", nxt.strip()) and len(nxt.strip()) >= len(line.strip()) - 2:
            char = nxt.strip()[0]
            if char not in levels:
                levels.append(char)
            out.append("#" * min(levels.index(char) + 1, 6) + " " + line.strip())
            i += 2
            continue
        line = re.sub(r":[\w:-]+:`~?([^`<]+?)(?:\s*<[^>]+>)?`", r"\1", line)
        out.append(line.replace("``", "").replace("**", ""))
        i += 1
    return "\n".join(out)


def generated_page(template: str, rng: random.Random, n: int) -> str:
    """One career page in the shipped page's format with its role, figures and wording varied."""
    title = f"{rng.choice(DOMAINS)} {rng.choice(FUNCTIONS)} {rng.choice(TITLES)} {n}"
    acronym = "".join(w[0] for w in title.split()[:2]).upper() + "Ops"
    text = template.replace("Machine Learning DevOps Manager", title).replace("MLOps", acronym)
    for old in ("AI/ML Model Business Specialist", "AI/ML Software Engineer", "AI Engineering Consultant",
                "AI Python Engineer"):
        text = text.replace(old, f"{rng.choice(DOMAINS)} {rng.choice(TITLES)} {rng.randint(1, 999)}")
    text = re.sub(r"\$(\d{1,3}(?:,\d{3})+)", lambda m: f"${int(int(m.group(1).replace(',', '')) * rng.uniform(0.5, 1.8)):,}", text)
    text = re.sub(r"\b(\d+)-(\d+) years", lambda m: f"{rng.randint(0, 4)}-{rng.randint(5, 12)} years", text)
    text = re.sub(r"(\d+\.\d)%", lambda m: f"{rng.uniform(5, 60):.1f}%", text)
    words = VOCABULARY
    lines = text.split("\n")
    out, block = [], []
    for line in lines + [""]:
        if line.lstrip().startswith("•") and not line.startswith("    "):
            block.append(line)
            continue
        if block:
            rng.shuffle(block)
            out.extend(block)
            block = []
        out.append(line)
    text = "\n".join(out[:-1])
    # Swap about one word in twelve for a word from the documentation vocabulary.
    return re.sub(r"\b[a-z]{6,}\b", lambda m: rng.choice(words) if rng.random() < 0.08 else m.group(0), text)


VOCABULARY: list[str] = []


def _vocabulary(docs: list[Path]) -> list[str]:
    """Words of the documentation that generated pages borrow."""
    vocab_source = " ".join(p.read_text(encoding="utf-8", errors="replace") for p in docs[:60])
    return sorted(set(re.findall(r"\b[a-z]{6,12}\b", vocab_source))) or ["variation"]


def make_corpus(size: int, folder: Path) -> dict:
    """Write the corpus for ``size`` x the shipped chunk count; returns what went in."""
    global VOCABULARY
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    target = SHIPPED_CHUNKS * size
    docs = sorted(PY_DOCS.rglob("*.rst.txt")) if PY_DOCS.is_dir() else []
    real_words = 0
    budget_words = int(target * REAL_SHARE * 90)  # ~90 words per chunk
    for path in docs:
        if real_words >= budget_words:
            break
        text = rst_to_markdown(path.read_text(encoding="utf-8", errors="replace"))
        real_words += len(text.split())
        name = str(path.relative_to(PY_DOCS)).replace("/", "__").replace(".rst.txt", ".md")
        (folder / "python-docs").mkdir(exist_ok=True)
        (folder / "python-docs" / name).write_text(text, encoding="utf-8")
    VOCABULARY = _vocabulary(docs)
    template = GUIDE.read_text(encoding="utf-8")
    pages = max(0, round((target - real_words / 90) / SHIPPED_CHUNKS))
    rng = random.Random(size)
    (folder / "generated").mkdir()
    for n in range(pages):
        (folder / "generated" / f"role-{n:05d}.txt").write_text(generated_page(template, rng, n), encoding="utf-8")
    return {"size": size, "target_chunks": target, "generated_pages": pages, "python_doc_words": real_words}


# ------------------------------------------------------------------ build

class PerturbedEmbedder:
    """Vectors made by perturbing the shipped corpus's real unit vectors (10,000x only):
    each text gets a real base vector chosen by its hash plus Gaussian noise, renormalised."""

    def __init__(self, base: np.ndarray, noise: float = 0.6):
        self.name, self.dim, self._base, self._noise = "all-MiniLM-L6-v2", base.shape[1], base, noise

    def encode(self, texts, batch_size=16, progress=False):
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            seed = int.from_bytes(hashlib.blake2b(text.encode("utf-8", "replace"), digest_size=8).digest(), "little")
            rng = np.random.default_rng(seed)
            v = self._base[seed % len(self._base)] + rng.standard_normal(self.dim, dtype=np.float32) * (
                self._noise / np.sqrt(self.dim))
            out[i] = v / np.linalg.norm(v)
        return out


def build(size: int) -> dict:
    from assistant import Settings
    from assistant.build import build_index
    from assistant.embedding import embedder_for
    from assistant.index import load_index

    settings = Settings.from_env()
    folder = WORK / str(size)
    if size >= PERTURBED_FROM:
        base = np.asarray(load_index(ROOT / "index").unit_vectors, dtype=np.float32)
        embedder = PerturbedEmbedder(base)
    else:
        embedder = embedder_for(settings)  # loaded (and exported if need be) before the clock starts
    started = time.perf_counter()
    report = build_index(folder / "corpus", folder / "index", settings, embedder, progress=True,
                         log=lambda m: print(m, file=sys.stderr), reuse=False)  # a full build, always
    seconds = time.perf_counter() - started
    manifest = load_index(folder / "index").manifest
    return {
        "size": size, "documents": report.documents, "chunks": report.chunks, "units": report.units,
        "build_seconds": round(seconds, 1), "embed_seconds": round(report.embed_seconds, 1),
        "chunks_per_second": round(report.chunks / seconds, 1),
        "units_embedded_per_second": round(report.units / report.embed_seconds, 1) if report.embed_seconds else None,
        "vectors": "perturbed" if size >= PERTURBED_FROM else "real",
        "backend": getattr(embedder, "backend", "perturbed"),
        "dense_index": manifest.dense_index, "lexical_index": manifest.lexical_index,
        "index_mb": round(sum(p.stat().st_size for p in report.path.rglob("*") if p.is_file()) / 2**20, 1),
        "build_peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


# ------------------------------------------------------------------ incremental

def incremental(size: int, rounds: int = 3) -> dict:
    """Add one new career page to the built corpus and index it incrementally, then remove it
    again, ``rounds`` times (another page each round); compared with the full build's time
    recorded in the manifest. Leaves the corpus and its index as they were."""
    from assistant import Settings
    from assistant.build import build_index
    from assistant.embedding import SentenceTransformerEmbedder
    from assistant.index import load_index

    global VOCABULARY
    VOCABULARY = _vocabulary(sorted(PY_DOCS.rglob("*.rst.txt")) if PY_DOCS.is_dir() else [])
    settings = Settings()
    folder = WORK / str(size)
    index = load_index(folder / "index")
    full_seconds, chunks = index.manifest.build_seconds, index.manifest.chunk_count
    index.close()
    embedder = SentenceTransformerEmbedder(settings.model, settings.torch_threads, settings.build_threads)
    embedder.encode(["warm up"] * 16)  # the model is loaded and warm, as it was for the full build
    page = folder / "corpus" / "generated" / "role-added.txt"
    adds, removes = [], []
    for n in range(rounds):
        page.write_text(generated_page(GUIDE.read_text(encoding="utf-8"), random.Random(-size - n), 99_999),
                        encoding="utf-8")
        try:
            started = time.perf_counter()
            added = build_index(folder / "corpus", folder / "index", settings, embedder)
            adds.append((time.perf_counter() - started, added))
        finally:
            page.unlink()
        started = time.perf_counter()
        removed = build_index(folder / "corpus", folder / "index", settings, embedder)
        removes.append((time.perf_counter() - started, removed))
        if added.added != ("generated/role-added.txt",) or removed.removed != ("generated/role-added.txt",):
            raise RuntimeError(f"not an incremental build: {added.added} / {removed.removed}")
    add_seconds = sorted(t for t, _ in adds)[len(adds) // 2]
    return {
        "size": size, "chunks": chunks, "full_build_seconds": full_seconds,
        "add_one_page_seconds": [round(t, 2) for t, _ in adds],
        "add_embed_seconds": [round(r.embed_seconds, 2) for _, r in adds],
        "add_texts_embedded": [r.texts_embedded for _, r in adds],
        "add_files_reused": adds[0][1].reused.__len__(),
        "add_share_of_full_build": round(add_seconds / full_seconds, 4) if full_seconds else None,
        "remove_one_page_seconds": [round(t, 2) for t, _ in removes],
        "remove_texts_embedded": [r.texts_embedded for _, r in removes],
    }


# ------------------------------------------------------------------ serve

def _pct(values, p):
    return round(float(np.percentile(values, p)), 2)


def serve(size: int, questions: int = 200) -> dict:
    import psutil

    from assistant import Assistant, Settings
    from assistant.embedding import embedder_for
    from assistant.evaluation import load_questions
    from assistant.index import load_index

    folder = WORK / str(size)
    settings = Settings.from_env()
    started = time.perf_counter()
    # The index was just built by the build step; load it as built, without the freshness check.
    embedder = embedder_for(settings)
    bot = Assistant(load_index(folder / "index"), embedder, settings, folder / "corpus", folder / "index")
    load_seconds = time.perf_counter() - started
    asked = [q for q in load_questions(ROOT / "eval" / "questions.jsonl")][:questions]
    bot.ask("warm up")
    ask_ms, embed_ms, bm25_ms, faiss_ms, reader_ms = [], [], [], [], []
    query_vectors = []
    for q in asked:
        t = time.perf_counter()
        bot.embedder.encode([q.question])
        embed_ms.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        bot.ask(q.question, history=q.history)
        ask_ms.append((time.perf_counter() - t) * 1000)
        resolved, wanted, query = bot.prepare(q.question, q.history)
        query_vectors.append(query.vector)
        t = time.perf_counter()
        bot.retriever("bm25").scores(query)
        bm25_ms.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        bot.retriever("dense").ranked(query, 50)
        faiss_ms.append((time.perf_counter() - t) * 1000)
        hits = bot.retriever("hybrid").search(query, 20)
        t = time.perf_counter()
        bot.reader.read(wanted, query.tokens, query.vector, hits, query.text)
        reader_ms.append((time.perf_counter() - t) * 1000)
    result = {
        "size": size, "chunks": bot.index.manifest.chunk_count, "load_seconds": round(load_seconds, 2),
        "ask_p50_ms": _pct(ask_ms, 50), "ask_p95_ms": _pct(ask_ms, 95), "embed_p50_ms": _pct(embed_ms, 50),
        "bm25_p50_ms": _pct(bm25_ms, 50), "faiss_p50_ms": _pct(faiss_ms, 50), "reader_p50_ms": _pct(reader_ms, 50),
        "rss_mb": round(psutil.Process().memory_info().rss / 2**20, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "lexical_index": bot.index.manifest.lexical_index, "dense_index": bot.index.manifest.dense_index,
        "backend": getattr(embedder, "backend", "torch"), "question_threads": settings.torch_threads,
        "torch_imported": "torch" in sys.modules,
    }
    if hasattr(bot.index.dense, "hnsw"):
        import faiss

        from assistant.retrieval import Query

        def query_from(vector):
            return Query("", [], vector)

        exact = faiss.IndexFlatIP(bot.index.dense.d)
        vectors = np.asarray(bot.index.chunk_vectors, dtype=np.float32)
        exact.add(vectors)
        del vectors
        queries = np.stack(query_vectors).astype(np.float32)
        t = time.perf_counter()
        _, truth = exact.search(queries, 10)
        exact_ms = (time.perf_counter() - t) * 1000 / len(queries)
        dense = bot.retriever("dense")
        t = time.perf_counter()
        approx = [[i for i, _ in dense.ranked(query_from(v), 10)] for v in queries]
        ann_ms = (time.perf_counter() - t) * 1000 / len(queries)
        recall = np.mean([len(set(a) & set(b)) / 10 for a, b in zip(approx, truth)])
        result.update({"ann_recall_at_10": round(float(recall), 4), "exact_search_ms": round(exact_ms, 2),
                       "ann_search_ms": round(ann_ms, 2)})
    return result


# ------------------------------------------------------------------ engines

def engines(size: int = 10_000) -> dict:
    """Per-query cost of each engine alone at growing sizes (slices of the largest index):
    rank-bm25 vs bm25s, exact FAISS vs HNSW. This is how the two switch-over sizes were chosen."""
    import bm25s
    import faiss

    from assistant.embedding import embedding_text
    from assistant.index import load_index
    from assistant.retrieval import LuceneIdfBM25
    from assistant.text import tokenize

    index = load_index(WORK / str(size) / "index")
    rng = np.random.default_rng(0)
    questions = [json.loads(line)["question"] for line in (ROOT / "eval" / "questions.jsonl").open()][:40]
    query_tokens = [tokenize(q) for q in questions]
    out = {"bm25": [], "faiss": []}
    max_tokens = 64_000
    tokens = [tokenize(embedding_text(c.breadcrumb, c.text, True)) or ["∅"]
              for c in (index.chunks.chunk(i) for i in range(min(max_tokens, len(index.chunks))))]
    for n in (1_000, 5_000, 10_000, 20_000, 40_000, 64_000):
        if n > len(tokens):
            break
        rank = LuceneIdfBM25(tokens[:n])
        t = time.perf_counter()
        for q in query_tokens[:10]:
            rank.get_scores(q)
        rank_ms = (time.perf_counter() - t) * 100
        sparse = bm25s.BM25(method="lucene")
        sparse.index(tokens[:n], show_progress=False)
        t = time.perf_counter()
        for q in query_tokens:
            known = [w for w in q if w in sparse.vocab_dict]
            if known:
                sparse.get_scores(known)
        out["bm25"].append({"chunks": n, "rank_bm25_ms": round(rank_ms, 2),
                            "bm25s_ms": round((time.perf_counter() - t) * 1000 / len(query_tokens), 3)})
    vectors = np.asarray(index.chunk_vectors, dtype=np.float32)
    queries = vectors[rng.choice(len(vectors), 50, replace=False)] + 0.05
    queries /= np.linalg.norm(queries, axis=1, keepdims=True)
    for n in (10_000, 50_000, 100_000, 200_000, 400_000, len(vectors)):
        if n > len(vectors):
            break
        exact = faiss.IndexFlatIP(vectors.shape[1])
        exact.add(vectors[:n])
        t = time.perf_counter()
        for q in queries:
            exact.search(q[None, :], 50)
        out["faiss"].append({"chunks": n, "exact_ms": round((time.perf_counter() - t) * 1000 / len(queries), 2)})
    return out


# ------------------------------------------------------------------ driver

def _child(*args) -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, __file__, *args], env=env, cwd=ROOT, check=True, stdout=subprocess.PIPE,
                          text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("step", choices=("corpus", "build", "serve", "incremental", "engines", "all"))
    parser.add_argument("--size", type=int, default=100)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    args = parser.parse_args(argv)
    if args.step == "corpus":
        print(json.dumps(make_corpus(args.size, WORK / str(args.size) / "corpus")))
    elif args.step == "build":
        print(json.dumps(build(args.size)))
    elif args.step == "serve":
        print(json.dumps(serve(args.size)))
    elif args.step == "incremental":
        print(json.dumps(incremental(args.size)))
    elif args.step == "engines":
        print(json.dumps(engines(max(int(p.name) for p in WORK.iterdir() if p.name.isdigit()))))
    else:
        results = []
        for size in args.sizes:
            row = {**_child("corpus", "--size", str(size)), **_child("build", "--size", str(size)),
                   **_child("serve", "--size", str(size))}
            results.append(row)
            print(json.dumps(row), flush=True)
        (WORK / "results.json").write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Retrievers, fusion, and the BM25 idf floor on a corpus this small."""
import math

import numpy as np
import pytest
from rank_bm25 import BM25Okapi

from assistant.retrieval import LuceneIdfBM25, Query, _top_positive, reciprocal_rank_fusion
from assistant.text import tokenize


def test_rrf_by_hand():
    fused = reciprocal_rank_fusion([[1, 2, 3], [3, 1]], k=60)
    assert fused[1] == pytest.approx(1 / 61 + 1 / 62)
    assert fused[3] == pytest.approx(1 / 63 + 1 / 61)
    assert fused[2] == pytest.approx(1 / 62)
    assert sorted(fused, key=lambda i: -fused[i]) == [1, 3, 2]


def test_okapi_floors_frequent_terms_and_lucene_idf_does_not(bot):
    """Most chunks carry "MLOps" or the page title, so rank-bm25's Okapi idf goes negative and is
    floored to epsilon * mean idf; the Lucene idf we use keeps such terms counting."""
    from assistant.embedding import embedding_text

    chunks = list(bot.index.chunks)
    corpus = [tokenize(embedding_text(c.breadcrumb, c.text, True)) for c in chunks]
    n_manager = sum("manag" in doc for doc in corpus)
    assert n_manager > len(corpus) / 2  # the situation that triggers the floor
    okapi, lucene = BM25Okapi(corpus), LuceneIdfBM25(corpus)
    assert okapi.idf["manag"] == pytest.approx(okapi.epsilon * okapi.average_idf)
    expected = math.log(1 + (len(corpus) - n_manager + 0.5) / (n_manager + 0.5))
    assert lucene.idf["manag"] == pytest.approx(expected) and lucene.idf["manag"] > 0
    assert lucene.idf["terraform"] > lucene.idf["mlop"] > lucene.idf["manag"] > 0


def test_bm25_search_orders_by_score(bot):
    bm25 = bot.retriever("bm25")
    hits = bm25.search(Query("terraform", tokenize("terraform"), None), 3)
    assert "Terraform" in hits[0].chunk.text
    assert all(a.score >= b.score for a, b in zip(hits, hits[1:]))


def test_dense_and_hybrid_find_the_role_page(bot, embedder):
    text = "What degree does an AI Python Engineer need?"
    query = Query(text, tokenize(text), embedder.encode([text])[0])
    for mode in ("dense", "hybrid"):
        hits = bot.retriever(mode).search(query, 5)
        assert hits[0].chunk.title == "AI Python Engineer"
        assert len({h.chunk.chunk_id for h in hits}) == 5


def test_hybrid_refuses_bad_settings(bot):
    from assistant.retrieval import HybridRetriever

    with pytest.raises(ValueError, match="fusion must be one of"):
        HybridRetriever(bot.retriever("bm25"), bot.retriever("dense"), bot.index, fusion="max")
    with pytest.raises(ValueError, match="dense_weight must be within"):
        HybridRetriever(bot.retriever("bm25"), bot.retriever("dense"), bot.index, dense_weight=2.0)


def test_vectors_are_unit_length(bot):
    norms = np.linalg.norm(np.asarray(bot.index.unit_vectors), axis=1)
    assert np.allclose(norms, 1.0, atol=2e-3)  # stored as float16


@pytest.fixture(scope="module")
def large_corpus_settings_bot(tmp_path_factory, embedder):
    """The shipped corpus built with the large-corpus engines forced on: bm25s and HNSW."""
    from assistant import Assistant, Settings

    from .conftest import CORPUS

    settings = Settings(sparse_bm25_min_chunks=1, ann_min_chunks=1)
    return Assistant.load(CORPUS, tmp_path_factory.mktemp("large") / "index", settings, embedder)


def test_sparse_bm25_matches_rank_bm25(bot, large_corpus_settings_bot):
    """bm25s (used above Settings.sparse_bm25_min_chunks) ranks and scores like rank-bm25."""
    small, large = bot.retriever("bm25"), large_corpus_settings_bot.retriever("bm25")
    assert (small.backend, large.backend) == ("rank-bm25", "bm25s")
    for text in ["How much does a mid-level MLOps manager earn?", "terraform", "AI Python Engineer degree",
                 "salary salary", "xyzzy", "ci/cd c++ $120,000 3-7"]:
        query = Query(text, tokenize(text), None)
        a, b = small.scores(query), large.scores(query)
        assert np.allclose(a, b, rtol=1e-4, atol=1e-5), text
        assert [h.chunk.chunk_id for h in small.search(query, 10)] == [h.chunk.chunk_id for h in large.search(query, 10)]
    for token in ("manag", "terraform", "python", "nosuchtoken"):
        assert small.idf(token) == pytest.approx(large.idf(token), rel=1e-5)


def test_hnsw_index_answers_like_the_exact_one(bot, large_corpus_settings_bot):
    assert large_corpus_settings_bot.index.manifest.dense_index.startswith("hnsw")
    assert bot.index.manifest.dense_index == "flat"
    for question in ["How much does a mid-level MLOps manager earn?", "What degree does an AI Python Engineer need?"]:
        assert large_corpus_settings_bot.ask(question).answer == bot.ask(question).answer


@pytest.mark.parametrize("size, share, k", [(0, 0.0, 5), (50, 0.5, 80), (40_000, 0.02, 50), (40_000, 0.6, 50),
                                            (200_000, 1.0, 50), (200_000, 0.3, 1)])
def test_top_positive_equals_a_full_sort(size, share, k):
    """The k largest positive scores, ties by index, on arrays large enough for the block bound
    and with many ties (scores rounded to one decimal), as a full sort would give them."""
    rng = np.random.default_rng(size + k)
    scores = (np.round(rng.random(size) * 8, 1) * (rng.random(size) < share)).astype(np.float32)
    expected = [int(i) for i in np.lexsort((np.arange(size), -scores)) if scores[i] > 0][:k]
    assert _top_positive(scores, k) == expected

"""Command line: ``python -m assistant index | ask | eval | facts | docs``. The library never prints; this module does."""
from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from .config import MODES, Settings
from .errors import AssistantError
from .jsonl import dumps_line, iter_jsonl
from .render import reply_text

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m assistant",
        description="Extractive, cited answers to questions about the career documents in corpus/.",
    )
    parser.add_argument("--corpus", default="corpus",
                        help="folder of documents: .txt, .md, .html, .pdf, .docx (default: corpus)")
    parser.add_argument("--index", default="index", help="folder for the built index (default: index)")
    parser.add_argument("--model", help="sentence-transformers model name or local folder "
                                        "(default: all-MiniLM-L6-v2, bundled)")
    parser.add_argument("--quiet", action="store_true", help="no progress bars or notes on stderr")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p_index = sub.add_parser("index", help="build the index (only when the corpus or settings changed)")
    p_index.add_argument("--force", action="store_true",
                         help="rebuild and re-embed every file, even when the index is up to date")

    p_ask = sub.add_parser("ask", help="answer one question, or a batch file of questions")
    p_ask.add_argument("question", nargs="?", help="the question (quote it)")
    p_ask.add_argument("--history", action="append", default=[], metavar="TURN",
                       help="an earlier question in the conversation; repeat for several, oldest first")
    p_ask.add_argument("--batch", metavar="FILE.jsonl",
                       help='one {"question": ..., "history": [...]} per line; prints one JSON reply per line')
    p_ask.add_argument("--json", action="store_true", help="print the reply as JSON")
    p_ask.add_argument("-k", type=int, default=5, help="passages to cite (default: 5)")
    p_ask.add_argument("--mode", choices=MODES, help="retrieval mode (default: hybrid)")

    p_facts = sub.add_parser("facts", help="print the fact table: every figure with its subject, scope and source")
    p_facts.add_argument("--subject", metavar="TEXT", help="only subjects containing this text (case-insensitive)")
    p_facts.add_argument("--attribute", metavar="NAME",
                         help="only this attribute, e.g. salary, hourly pay, experience, market size, job growth")
    p_facts.add_argument("--json", action="store_true", help="one JSON object per fact, with its quoted source")

    p_eval = sub.add_parser("eval", help="score retrieval and answers on labelled questions or a BEIR dataset")
    p_eval.add_argument("file", nargs="?", default="eval/questions.jsonl",
                        help="question file (default: eval/questions.jsonl)")
    p_eval.add_argument("--mode", choices=(*MODES, "all"), default="all")
    p_eval.add_argument("--k", type=int, default=10, help="passages retrieved per question (default: 10)")
    p_eval.add_argument("--json", action="store_true", help="print the report as JSON")
    p_eval.add_argument("--failures", type=int, default=20, help="failures listed per mode (default: 20)")
    p_eval.add_argument("--extra-corpus", action="append", default=[], metavar="DIR",
                        help="also index this folder of documents (repeatable); a corpus/ folder beside the "
                             "question file is added automatically")
    p_eval.add_argument("--beir", metavar="DIR", help="evaluate retrieval on a BEIR dataset folder instead")
    p_eval.add_argument("--beir-index", metavar="DIR",
                        help="where the BEIR index is cached (default: .cache/beir/NAME)")

    p_docs = sub.add_parser("docs", help="list, add or remove corpus documents (indexed incrementally)")
    docs = p_docs.add_subparsers(dest="docs_command", required=True, metavar="ACTION")
    docs.add_parser("list", help="every corpus file with its format, size and index status")
    p_add = docs.add_parser("add", help="copy a file into the corpus folder and index it")
    p_add.add_argument("path", help="the file to add (.txt, .md, .markdown, .html, .htm, .xhtml, .pdf, .docx)")
    p_add.add_argument("--name", help="name to store it under (default: the file's name, sanitised)")
    p_add.add_argument("--replace", action="store_true", help="replace a corpus file of the same name")
    p_remove = docs.add_parser("remove", help="delete a corpus file and drop it from the index")
    p_remove.add_argument("name", help="the file's name as `docs list` shows it")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    try:
        settings = Settings.from_env().with_overrides(model=args.model)
        if args.command == "index":
            return _index(args, settings)
        if args.command == "ask":
            return _ask(args, settings, parser)
        if args.command == "docs":
            return _docs(args, settings)
        if args.command == "facts":
            return _facts(args, settings)
        return _eval(args, settings)
    except (AssistantError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE if isinstance(exc, ValueError) else EXIT_ERROR
    except BrokenPipeError:  # `python -m assistant ask … | head`: the reader left, nothing to report
        sys.stderr.close()
        return EXIT_OK
    except OSError as exc:  # an unwritable index folder, a full disk
        print(f"error: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


def _note(args):
    return (lambda _message: None) if args.quiet else (lambda message: print(message, file=sys.stderr))


def _load(args, settings, rebuild="auto"):
    from .pipeline import Assistant

    return Assistant.load(args.corpus, args.index, settings, rebuild=rebuild, progress=not args.quiet,
                          on_event=_note(args))


def _index(args, settings) -> int:
    from .build import build_index
    from .embedding import LazyEmbedder
    from .index import index_status

    status = index_status(args.corpus, args.index, settings)
    if status.state == "fresh" and not args.force:
        print(f"index in {args.index} is up to date with {args.corpus} (use --force to rebuild)")
        return EXIT_OK
    embedder = LazyEmbedder(settings)  # loaded after the corpus is read, so a missing corpus fails fast
    report = build_index(args.corpus, args.index, settings, embedder, progress=not args.quiet, log=_note(args),
                         reuse=not args.force)
    print(f"indexed {report.documents} documents from {args.corpus}: {report.chunks} chunks, "
          f"{report.units} answer units")
    _print_changes(report)
    print(f"build {report.seconds:.2f} s (embedding {report.embed_seconds:.2f} s, model load included)")
    print(f"index: {report.path}")
    for name, reason in report.skipped.items():
        print(f"skipped {name}: {reason}")
    return EXIT_OK


def _print_changes(report, most: int = 5) -> None:
    for label, names in (("added", report.added), ("changed", report.changed), ("removed", report.removed)):
        if names:
            more = f", … ({len(names)} files)" if len(names) > most else ""
            print(f"{label}: {', '.join(names[:most])}{more}")
    if report.reused:
        print(f"unchanged, vectors reused: {len(report.reused)} file(s); "
              f"embedded {report.texts_embedded} passage and sentence texts")


def _docs(args, settings) -> int:
    from .documents import add_document, list_documents, remove_document
    from .embedding import LazyEmbedder

    if args.docs_command == "list":
        infos = list_documents(args.corpus, args.index, settings.follow_links)
        if not infos:
            print(f"no documents in {args.corpus}")
            return EXIT_OK
        rows = [[i.name, i.format, _size(i.bytes), i.status,
                 _clip(i.reason or ("; ".join(i.titles) if i.titles else ""))] for i in infos]
        print(_table(["name", "format", "size", "status", "details"], rows))
        return EXIT_OK
    embedder = LazyEmbedder(settings)
    if args.docs_command == "add":
        path = Path(args.path)
        if not path.is_file():
            raise FileNotFoundError(2, "No such file", str(path))
        from .corpus import size_problem
        from .documents import DocumentRejected, sanitize_name

        too_big = size_problem(path.stat().st_size, settings.max_file_mb)  # refused before it is read
        if too_big:
            raise DocumentRejected(f"{sanitize_name(args.name or path.name)} {too_big}; nothing was changed")
        report = add_document(args.corpus, args.index, args.name or path.name, path.read_bytes(), settings,
                              embedder, replace=args.replace, progress=_note(args))
    else:
        report = remove_document(args.corpus, args.index, args.name, settings, embedder, progress=_note(args))
    titles = f": {'; '.join(report.titles)}" if report.titles else ""
    print(f"{report.action} {report.name}{titles}")
    build = report.build
    _print_changes(build)
    print(f"index: {build.documents} documents, {build.chunks} chunks, built in {build.seconds:.2f} s")
    for name, reason in build.skipped.items():
        print(f"skipped {name}: {reason}")
    return EXIT_OK


def _clip(text: str, width: int = 100) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _size(n: int | None) -> str:
    if n is None:
        return "-"
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{max(1, round(n / 1024))} kB"


def _ask(args, settings, parser) -> int:
    if args.batch and args.question:
        parser.error("give a question or --batch FILE, not both")
    if not args.batch and args.question is None:
        parser.error("give a question, e.g. python -m assistant ask \"How much does a mid-level MLOps manager earn?\"")
    if args.batch:
        rows = list(iter_jsonl(Path(args.batch), "batch file"))
        bot = _load(args, settings)
        failures = 0
        try:
            for n, row, error in rows:
                if error is None and "question" not in row:
                    error = 'expected {"question": ..., "history": [...]}'
                if error is not None:  # one bad line doesn't stop the batch
                    failures += 1
                    print(dumps_line({"line": n, "error": error}), flush=True)
                    continue
                try:
                    reply = bot.ask(row["question"], history=row.get("history") or [], k=args.k, mode=args.mode)
                    print(dumps_line(reply.to_dict()), flush=True)
                except ValueError as exc:
                    failures += 1
                    print(dumps_line({"line": n, "question": row.get("question"), "error": str(exc)}), flush=True)
        finally:
            bot.close()
        return EXIT_ERROR if failures else EXIT_OK
    from .pipeline import validate_question

    validate_question(args.question)  # a bad question fails before the model loads
    bot = _load(args, settings)
    try:
        reply = bot.ask(args.question, history=args.history, k=args.k, mode=args.mode)
    finally:
        bot.close()
    if args.json:
        print(json.dumps(reply.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(reply_text(reply, color=sys.stdout.isatty()))
    return EXIT_OK


def _facts(args, settings) -> int:
    """The fact table, so a recruiter can check a figure and where it comes from in one command."""
    bot = _load(args, settings)
    try:
        index = bot.index
        titles = {d.doc_id: d.title for d in index.manifest.documents}
        rows = []
        for fact in index.facts:
            if args.subject and args.subject.lower() not in fact.subject.lower():
                continue
            if args.attribute and args.attribute.lower() != fact.attribute:
                continue
            chunk = index.chunks.chunk(fact.chunk_id)
            quote = chunk.text[fact.unit_start - chunk.start: fact.unit_end - chunk.start]
            rows.append((fact, chunk, quote, titles.get(fact.doc_id, fact.doc_id)))
    finally:
        bot.close()
    if args.json:
        for fact, chunk, quote, title in rows:
            print(dumps_line({**fact.to_json(), "source": chunk.breadcrumb, "document": title, "quote": quote}))
        return EXIT_OK
    if not rows:
        print("no facts match" + (f" --subject {args.subject!r}" if args.subject else "")
              + (f" --attribute {args.attribute!r}" if args.attribute else ""))
        return EXIT_OK
    table = [[f.subject, f.attribute, f.qualifier or "-", f.value, f.scope or (str(f.year) if f.year else "-"),
              chunk.breadcrumb] for f, chunk, _, _ in rows]
    print(_table(["subject", "attribute", "statistic", "value (as written)", "scope / year", "source"], table))
    print(f"\n{len(rows)} facts; every value is quoted verbatim from its source passage "
          "(python -m assistant facts --json prints the quote).")
    return EXIT_OK


def _eval(args, settings) -> int:
    modes = list(MODES) if args.mode == "all" else [args.mode]
    if args.beir:
        return _eval_beir(args, settings, modes)
    from .evaluation import evaluate, load_questions

    questions = load_questions(args.file)
    extras = [Path(p) for p in args.extra_corpus]
    beside = Path(args.file).parent / "corpus"
    if beside.is_dir() and beside.resolve() != Path(args.corpus).resolve() and beside not in extras:
        extras.append(beside)
    if extras:
        args.corpus, args.index = _combined_corpus(Path(args.corpus), extras)
    bot = _load(args, settings)
    try:
        reports = [evaluate(bot, questions, mode, k=args.k, progress=not args.quiet) for mode in modes]
    finally:
        bot.close()
    if args.json:
        print(json.dumps({"file": args.file, "corpus": str(args.corpus), "modes": [r.to_dict() for r in reports]},
                         ensure_ascii=False, indent=2))
        return EXIT_OK
    source = f" (corpus: {args.corpus})" if extras else ""
    print(f"{len(questions)} questions from {args.file}, k={args.k}{source}\n")
    metrics = list(reports[0].metrics)
    print(_table(["metric", *modes], [[m, *[_fmt(r.metrics.get(m)) for r in reports]] for m in metrics]))
    for report in reports:
        print(f"\n{report.mode}: by category")
        rows = [[c, v["n"], _fmt(v["hit@5"]), _fmt(v["correct"])] for c, v in report.categories.items()]
        print(_table(["category", "n", "hit@5", "correct"], rows))
        print(f"\n{report.mode}: reliability (answers shown with each label, and how many were right)")
        print(_table(["label", "n", "right", "rate"],
                     [[label, v["n"], v["right"], _fmt(v["rate"])] for label, v in report.reliability.items()]))
        if report.failures and args.failures:
            print(f"\n{report.mode}: {len(report.failures)} failures"
                  + (f" (first {args.failures})" if len(report.failures) > args.failures else ""))
            for f in report.failures[: args.failures]:
                rank = f.first_relevant_rank if f.first_relevant_rank is not None else "-"
                answer = "(abstained)" if f.abstained else (f.answer or "").replace("\n", " ")[:90]
                history = f" [after: {' / '.join(f.history)}]" if f.history else ""
                print(f"  {f.id}: {f.question}{history}\n      rank {rank}, answer: {answer}")
    return EXIT_OK


def _combined_corpus(corpus: Path, extras: list[Path]) -> tuple[Path, Path]:
    """A corpus folder holding ``corpus`` and every extra folder (each under its own name), with
    its own index folder, under .cache/eval/; rebuilt from the sources on every run."""
    import hashlib
    import shutil

    sources = [corpus, *extras]
    for folder in sources:
        if not folder.is_dir():
            raise ValueError(f"corpus folder {folder} does not exist")
    key = hashlib.sha256("\n".join(str(p.resolve()) for p in sources).encode()).hexdigest()[:12]
    base = Path(".cache") / "eval" / key
    combined = base / "corpus"
    shutil.rmtree(combined, ignore_errors=True)
    for folder in sources:
        name = folder.parent.name if folder.name == "corpus" and folder != corpus else folder.name
        shutil.copytree(folder, combined / name, symlinks=True, ignore=shutil.ignore_patterns(".*"))
    return combined, base / "index"


def _eval_beir(args, settings, modes) -> int:
    from .beir import beir_index, evaluate_beir, load_beir
    from .embedding import LazyEmbedder

    dataset = load_beir(args.beir)
    embedder = LazyEmbedder(settings)
    index_dir = args.beir_index or str(Path(".cache") / "beir" / dataset.name)
    index = beir_index(dataset, index_dir, settings, embedder, progress=not args.quiet, log=_note(args))
    results = evaluate_beir(dataset, index, embedder, modes, settings, progress=not args.quiet)
    if args.json:
        print(json.dumps({"dataset": dataset.name, "documents": len(dataset.documents), "modes": results}, indent=2))
        return EXIT_OK
    print(f"{dataset.name}: {len(dataset.documents):,} documents, {len(dataset.queries)} test queries\n")
    print(_table(["mode", "nDCG@10", "Recall@100", "ms/query"],
                 [[m, _fmt(r["ndcg@10"]), _fmt(r["recall@100"]), r["ms_per_query"]] for m, r in results.items()]))
    return EXIT_OK


def _fmt(value) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.3f}" if value <= 1.0 else f"{value:.1f}"
    return str(value)


def _table(header: list[str], rows: list[list]) -> str:
    cells = [[str(c) for c in header]] + [[str(c) for c in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    lines = []
    for n, row in enumerate(cells):
        lines.append("  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths))))
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)

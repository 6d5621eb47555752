"""Load benchmark: the chat app on loopback under 1, 8 and 32 concurrent clients.

    python benchmarks/load.py [--requests 500 1500 3000] [--port 7899]

Starts `python app.py` in its own process on 127.0.0.1, then drives the programmatic `ask`
endpoint through Gradio's REST API (POST /gradio_api/call/ask, then read the result stream) with
asyncio + httpx: a fixed number of requests per concurrency level, each with a timeout, so the run
is bounded. Reports throughput, latency p50/p95/p99 and errors per level, and the server's
resident memory before and after all requests. Prints a Markdown table.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import numpy as np
import psutil

ROOT = Path(__file__).resolve().parents[1]
QUESTIONS = [json.loads(line) for line in (ROOT / "eval" / "questions.jsonl").read_text().splitlines()]


async def one_call(client: httpx.AsyncClient, question: dict) -> float:
    started = time.perf_counter()
    posted = await client.post("/gradio_api/call/ask", json={"data": [question["question"], question["history"], 5]})
    posted.raise_for_status()
    event_id = posted.json()["event_id"]
    result = await client.get(f"/gradio_api/call/ask/{event_id}")
    result.raise_for_status()
    if "event: complete" not in result.text:
        raise RuntimeError(result.text[:200])
    return (time.perf_counter() - started) * 1000


async def level(base: str, clients: int, requests: int) -> dict:
    latencies, errors = [], 0
    queue: asyncio.Queue = asyncio.Queue()
    for n in range(requests):
        queue.put_nowait(QUESTIONS[n % len(QUESTIONS)])

    async def worker(client):
        nonlocal errors
        while True:
            try:
                question = queue.get_nowait()
            except asyncio.QueueEmpty:
                return
            try:
                latencies.append(await one_call(client, question))
            except Exception:  # noqa: BLE001 - every failure counts as an error
                errors += 1

    limits = httpx.Limits(max_connections=clients * 2, max_keepalive_connections=clients * 2)
    async with httpx.AsyncClient(base_url=base, timeout=30.0, limits=limits) as client:
        started = time.perf_counter()
        await asyncio.gather(*(worker(client) for _ in range(clients)))
        elapsed = time.perf_counter() - started
    values = np.array(latencies) if latencies else np.array([0.0])
    return {"clients": clients, "requests": requests, "errors": errors, "seconds": round(elapsed, 1),
            "throughput": round(len(latencies) / elapsed, 1), "p50": round(float(np.percentile(values, 50)), 1),
            "p95": round(float(np.percentile(values, 95)), 1), "p99": round(float(np.percentile(values, 99)), 1)}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=7899)
    parser.add_argument("--levels", type=int, nargs="+", default=[1, 8, 32])
    parser.add_argument("--requests", type=int, nargs="+", default=[500, 1500, 3000])
    args = parser.parse_args(argv)
    base = f"http://127.0.0.1:{args.port}"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "GRADIO_ANALYTICS_ENABLED": "False"}
    with tempfile.TemporaryDirectory() as logs:
        server = subprocess.Popen([sys.executable, "app.py", "--host", "127.0.0.1", "--port", str(args.port),
                                   "--log-dir", logs], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL)
        try:
            for _ in range(600):  # bounded wait for start-up
                try:
                    if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                time.sleep(0.2)
            else:
                raise SystemExit("the app did not start")
            proc = psutil.Process(server.pid)
            asyncio.run(level(base, 4, 50))  # warm-up
            rss_before = proc.memory_info().rss / 2**20
            rows = []
            for clients, requests in zip(args.levels, args.requests):
                rows.append(asyncio.run(level(base, clients, requests)))
                rows[-1]["rss_mb"] = round(proc.memory_info().rss / 2**20, 1)
            rss_after = proc.memory_info().rss / 2**20
        finally:
            server.terminate()
            server.wait(timeout=30)
    total = sum(r["requests"] for r in rows)
    print("| clients | requests | errors | throughput (req/s) | p50 ms | p95 ms | p99 ms | server RSS after (MB) |")
    print("|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['clients']} | {r['requests']} | {r['errors']} | {r['throughput']} | {r['p50']} | {r['p95']} "
              f"| {r['p99']} | {r['rss_mb']:.0f} |")
    print(f"\nserver RSS before: {rss_before:.0f} MB, after {total:,} requests: {rss_after:.0f} MB "
          f"({rss_after - rss_before:+.0f} MB)")
    print(json.dumps({"rows": rows, "rss_before_mb": round(rss_before, 1), "rss_after_mb": round(rss_after, 1)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

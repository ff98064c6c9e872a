"""The 30-second mixed load (Benchmarks/load.sh): wrk readers and API writers at once, then every write checked.

  python3 Benchmarks/load_writes.py --bin BIN --database DB --tokens FILE [--port 19350] [--duration 30]
                                    [--connections 256] [--threads 2] [--margin-mib 8] [--seed S]

Starts `BIN serve --public-url …` on DB (as a deployed portal runs: feeds and the sitemap are then cached); samples the server's RSS every second; runs wrk (Benchmarks/load.lua rotating over citizen
pages, API reads, feeds and CSV downloads taken from the sitemap and the API) for --duration seconds while one writer
per token line writes through the write API (api_writers.Writer, continuously, recording every 2xx); stops the
writers, stops the server with SIGTERM and checks every write in the SQLite file (api_writers.verify).
Prints the figures and a verdict `load: …, 0 errors, 0 lost writes, RSS A MiB → B MiB`; exits 1 on any failure.

Memory flat: RSS at the end minus RSS after 10 s (the start of the last 20 s) must stay under --margin-mib.
"""

import argparse
import http.client
import os
import random
import re
import signal
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import api_writers  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def rss_mib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def get(port, path):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def read_paths(port, writer_codes):
    """Citizen pages from the sitemap (every fourth, at most 80), API reads, feeds and CSV downloads."""
    status, body = get(port, "/sitemap.xml")
    if status != 200:
        raise SystemExit(f"GET /sitemap.xml answered {status}")
    pages = [re.sub(r"^https?://[^/]+", "", loc.decode()) for loc in re.findall(rb"<loc>([^<]+)</loc>", body)]
    paths = ["/"] + pages[::4][:80]
    codes = list(writer_codes) + ["0169", "0751"]
    for code in codes:
        paths += [f"/kommune/{code}", f"/api/v1/municipalities/{code}", f"/api/v1/municipalities/{code}/contract",
                  f"/api/v1/municipalities/{code}/contract/versions", f"/api/v1/municipalities/{code}/follow-ups",
                  f"/kommune/{code}/feed.atom", f"/kommune/{code}/maal.csv"]
    paths += ["/api/v1/municipalities", "/api/v1/service-areas", "/api/v1/search?q=%C3%A6ldre", "/feed.atom",
              "/data/maal.csv", "/sitemap.xml", "/api/v1/openapi.json"]
    unique = list(dict.fromkeys(paths))
    broken = [(path, status) for path in unique for status in [get(port, path)[0]] if not 200 <= status < 300]
    if broken:
        raise SystemExit(f"paths that do not answer 2xx before the load: {broken[:10]}")
    return unique


def percentile_ms(text, label):
    match = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
    if not match:
        return None
    value, unit = float(match.group(1)), match.group(2)
    return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bin", required=True)
    parser.add_argument("--database", required=True)
    parser.add_argument("--tokens", required=True)
    parser.add_argument("--port", type=int, default=19350)
    parser.add_argument("--duration", type=int, default=30)
    parser.add_argument("--connections", type=int, default=256)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--margin-mib", type=float, default=8.0)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--server-log", default=os.devnull)
    args = parser.parse_args()
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(1, 10**9)
    workdir = os.path.dirname(os.path.abspath(args.database))
    writers = []
    with open(args.tokens) as lines:
        for number, line in enumerate(lines, 1):
            code, token, token_id = line.split()
            writers.append(api_writers.Writer(number, code, token, int(token_id), args.port,
                                              api_writers.new_rng(seed, "writer", number), f"l{seed}"))
    log = open(args.server_log, "ab")
    server = subprocess.Popen(
        [args.bin, "serve", "--port", str(args.port), "--database", args.database, "--no-access-log",
         "--public-url", f"http://127.0.0.1:{args.port}"],  # as in production: feeds and sitemap are cached
        stdout=subprocess.DEVNULL, stderr=log)
    errors = []
    try:
        api_writers.wait_for_server(args.port, server)
        paths = read_paths(args.port, [w.code for w in writers])
        paths_file = os.path.join(workdir, "paths.txt")
        with open(paths_file, "w") as out:
            out.write("\n".join(paths) + "\n")
        print(f"load: {len(paths)} paths (citizen pages, API reads, feeds, CSV); {args.connections} connections, "
              f"{len(writers)} API writers, {args.duration} s; seed {seed}", flush=True)

        samples = [rss_mib(server.pid)]  # [0] = before the load; then one per second
        sampling = threading.Event()

        def sample():
            next_at = time.monotonic() + 1
            while not sampling.wait(max(0, next_at - time.monotonic())):
                samples.append(rss_mib(server.pid))
                next_at += 1

        db = api_writers.open_readonly(args.database)
        states = {w.number: api_writers.MunicipalityState(db, w.code) for w in writers}
        db.close()
        sampler = threading.Thread(target=sample)
        writer_threads = [threading.Thread(target=w.run, args=(states[w.number],)) for w in writers]
        environment = dict(os.environ, LOAD_PATHS=paths_file)
        wrk = subprocess.Popen(
            ["wrk", "-t", str(args.threads), "-c", str(args.connections), "-d", f"{args.duration}s", "--latency",
             "--timeout", "10s", "-s", os.path.join(HERE, "load.lua"), f"http://127.0.0.1:{args.port}"],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=environment)
        sampler.start()
        for thread in writer_threads:
            thread.start()
        output, _ = wrk.communicate()
        for writer in writers:
            writer.stop.set()
        for thread in writer_threads:
            thread.join(60)
        sampling.set()
        sampler.join()
        samples.append(rss_mib(server.pid))
        server.send_signal(signal.SIGTERM)
        exit_code = server.wait(60)
        if exit_code != 0:
            errors.append(f"the server exited with {exit_code} after SIGTERM")
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()

    if wrk.returncode != 0:
        errors.append(f"wrk exited with {wrk.returncode}: {output[-500:]}")
    rate = re.search(r"^Requests/sec:\s+([\d.]+)", output, re.M)
    total = re.search(r"^\s+(\d+) requests in", output, re.M)
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    lua = re.search(r"^load\.lua: \d+ paths, 2xx (\d+), non-2xx (\d+) ?(.*)$", output, re.M)
    if not (rate and total and lua):
        print(output, flush=True)
        raise SystemExit("load: could not read wrk's output")
    socket_total = sum(int(x) for x in socket_errors.groups()) if socket_errors else 0
    non2xx = int(lua.group(2))
    p50, p99 = percentile_ms(output, "50"), percentile_ms(output, "99")
    print(f"reads: {int(total.group(1))} requests, {float(rate.group(1)):.0f} requests/s, p50 {p50:.2f} ms, "
          f"p99 {p99:.2f} ms; non-2xx {non2xx}{' (e.g. ' + lua.group(3) + ')' if non2xx else ''}, "
          f"socket errors {socket_errors.group(0) if socket_errors else 0}", flush=True)
    if non2xx:
        errors.append(f"{non2xx} non-2xx answers to reads")
    if socket_total:
        errors.append(f"socket errors: {socket_errors.group(0)}")

    sent, acked, unknown, rejected = api_writers.tally(writers)
    for writer in writers:
        if writer.failure:
            errors.append(f"writer {writer.number}: {writer.failure}")
    if unknown:
        errors.append(f"{unknown} writes without an answer (connection broke)")
    checked, problems = api_writers.verify(args.database, writers)
    for problem in problems[:20]:
        print(f"  problem: {problem}", flush=True)
    print(f"writes: {sent} sent, {acked} acknowledged ({acked / args.duration:.1f}/s), {rejected} refused, "
          f"{unknown} unanswered; {checked} checked in the file afterwards, {len(problems)} problems "
          f"({api_writers.kinds(writers)})", flush=True)

    start, end, peak = samples[0], samples[-1], max(samples)
    at5 = samples[min(5, len(samples) - 1)]
    at10 = samples[min(10, len(samples) - 1)]
    growth = end - at10
    print("rss (MiB, every second): " + " ".join(f"{s:.0f}" for s in samples), flush=True)
    print(f"rss: start {start:.1f} MiB, after 5 s {at5:.1f}, after 10 s {at10:.1f}, end {end:.1f}, max {peak:.1f}; "
          f"last 20 s grew {growth:+.1f} MiB (margin {args.margin_mib:.0f} MiB)", flush=True)
    if growth >= args.margin_mib:
        errors.append(f"memory not flat: +{growth:.1f} MiB in the last 20 s")
    for error in errors:
        print(f"  error: {error}", flush=True)
    error_count = non2xx + socket_total + unknown + rejected + (wrk.returncode != 0) + (exit_code != 0)
    memory = "" if growth < args.margin_mib else " (NOT FLAT)"
    print(f"load: {float(rate.group(1)):.0f} reads/s (p50 {p50:.1f} ms, p99 {p99:.1f} ms), {acked} writes acknowledged, "
          f"{error_count} errors, {len(problems)} lost writes, RSS {at10:.0f} MiB → {end:.0f} MiB{memory} "
          f"(10 s → end; before the load {start:.0f}, max {peak:.0f})", flush=True)
    sys.exit(1 if errors or problems else 0)


if __name__ == "__main__":
    main()

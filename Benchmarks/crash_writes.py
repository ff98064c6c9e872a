"""Crash rounds: writers through the write API, SIGKILL at a random moment, restart, check (Benchmarks/crash.sh).

  python3 Benchmarks/crash_writes.py --bin BIN --database DB --tokens FILE [--rounds 20] [--seed S] [--port P]
                                     [--min-delay 0.3] [--max-delay 3.0]

FILE has one line per writer: `CODE TOKEN TOKEN_ID`. Per round: start `BIN serve` on DB; check every write so far
(api_writers.verify on the SQLite file, and the restarted server's own answers); start one writer per line; after a
random delay (seeded) SIGKILL the server; wait for the writers. After the last round: start, check, stop with SIGTERM,
check the file once more. Prints one line per round and `crash: R rounds, W acknowledged writes checked, P problems`;
exits 1 when P > 0.
"""

import argparse
import http.client
import json
import os
import random
import signal
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import api_writers  # noqa: E402


def start_server(args, log):
    process = subprocess.Popen(
        [args.bin, "serve", "--port", str(args.port), "--database", args.database, "--no-access-log"],
        stdout=subprocess.DEVNULL, stderr=log)
    started = time.monotonic()
    api_writers.wait_for_server(args.port, process)
    return process, time.monotonic() - started


def api_check(port, writers, database, problems):
    """The restarted server answers each writer's draft (token) and contract in force as the file holds them."""
    db = api_writers.open_readonly(database)
    try:
        for writer in writers:
            where = f"writer {writer.number} ({writer.code}), API"
            draft = db.execute("SELECT id FROM contract_version WHERE municipality_code = ? AND adopted_on IS NULL",
                               (writer.code,)).fetchone()
            status, answer = get(port, f"/api/v1/municipalities/{writer.code}/contract/draft", writer.token)
            if draft is None and status != 404:
                problems.append(f"{where}: no draft in the file, but GET draft answered {status}")
            if draft is not None:
                stored = api_writers.stored_draft(db, draft[0])
                if status != 200 or api_writers.draft_shape(answer["areas"]) != stored:
                    problems.append(f"{where}: GET draft answered {status}, not the stored draft")
            in_force = db.execute(
                "SELECT number FROM contract_version WHERE municipality_code = ? AND published_on IS NOT NULL "
                "ORDER BY published_on DESC, number DESC LIMIT 1", (writer.code,)).fetchone()
            status, answer = get(port, f"/api/v1/municipalities/{writer.code}/contract", None)
            if in_force is not None and (status != 200 or answer.get("version") != in_force[0]):
                problems.append(f"{where}: contract in force answered {status} version "
                                f"{answer.get('version') if status == 200 else None}, file says {in_force[0]}")
    finally:
        db.close()


def get(port, path, token):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path, headers={"Authorization": f"Bearer {token}"} if token else {})
        response = connection.getresponse()
        data = response.read()
        return response.status, (json.loads(data) if response.status == 200 else None)
    finally:
        connection.close()


def check(args, writers, label):
    problems = []
    checked, problems = api_writers.verify(args.database, writers, problems)
    api_check(args.port, writers, args.database, problems)
    for problem in problems[:20]:
        print(f"  problem ({label}): {problem}", flush=True)
    if len(problems) > 20:
        print(f"  … and {len(problems) - 20} more", flush=True)
    return checked, len(problems)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bin", required=True)
    parser.add_argument("--database", required=True)
    parser.add_argument("--tokens", required=True)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--port", type=int, default=19300)
    parser.add_argument("--min-delay", type=float, default=0.3)
    parser.add_argument("--max-delay", type=float, default=3.0)
    parser.add_argument("--server-log", default=os.devnull)
    args = parser.parse_args()
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(1, 10**9)
    print(f"crash: seed {seed} (repeat with --seed {seed}), {args.rounds} rounds", flush=True)
    rng = api_writers.new_rng(seed, "kill")
    writers = []
    with open(args.tokens) as lines:
        for number, line in enumerate(lines, 1):
            code, token, token_id = line.split()
            writers.append(api_writers.Writer(number, code, token, int(token_id), args.port,
                                              api_writers.new_rng(seed, "writer", number), f"c{seed}"))
    log = open(args.server_log, "ab")
    total_problems, checked = 0, 0
    started = time.monotonic()
    for round_number in range(1, args.rounds + 1):
        server, startup = start_server(args, log)
        checked, problems = check(args, writers, f"before round {round_number}")
        total_problems += problems
        states = {}
        db = api_writers.open_readonly(args.database)
        try:
            for writer in writers:
                states[writer.number] = api_writers.MunicipalityState(db, writer.code)
        finally:
            db.close()
        before = api_writers.tally(writers)
        threads = []
        for writer in writers:
            writer.stop.clear()
            thread = threading.Thread(target=writer.run, args=(states[writer.number],))
            thread.start()
            threads.append(thread)
        delay = rng.uniform(args.min_delay, args.max_delay)
        time.sleep(delay)
        server.send_signal(signal.SIGKILL)
        server.wait()
        for thread in threads:
            thread.join(60)
            if thread.is_alive():
                print("  problem: a writer did not stop within 60 s after the kill", flush=True)
                total_problems += 1
        failures = [w.failure for w in writers if w.failure]
        for failure in failures:
            print(f"  problem: unexpected answer: {failure}", flush=True)
        total_problems += len(failures)
        after = api_writers.tally(writers)
        sent, acked, unknown, rejected = (a - b for a, b in zip(after, before))
        print(f"round {round_number}: server up in {startup:.1f} s, killed after {delay:.2f} s; writes sent {sent}, "
              f"2xx {acked}, unanswered at the kill {unknown}, refused {rejected}; checked before the round "
              f"{checked}, problems {problems + len(failures)}", flush=True)
    # The last round's writes: restart, check through the server and the file, stop cleanly, check the file again.
    server, startup = start_server(args, log)
    checked, problems = check(args, writers, "after the last round")
    total_problems += problems
    server.send_signal(signal.SIGTERM)
    code = server.wait(60)
    if code != 0:
        print(f"  problem: the server exited with {code} after SIGTERM", flush=True)
        total_problems += 1
    checked, late = api_writers.verify(args.database, writers)
    for problem in late[:20]:
        print(f"  problem (after SIGTERM): {problem}", flush=True)
    total_problems += len(late)
    with open(os.path.join(os.path.dirname(args.database), "ops.json"), "w") as out:
        json.dump([dict(code=w.code, token_id=w.token_id, ops=w.ops) for w in writers], out, default=str)
    caught, tamperings = api_writers.self_test(args.database, writers, os.path.dirname(args.database))
    print(f"checker self-test: {caught} of {tamperings} tampered copies of the database caught", flush=True)
    total_problems += tamperings - caught
    sent, acked, unknown, rejected = api_writers.tally(writers)
    print(f"acknowledged writes by kind: {api_writers.kinds(writers)}", flush=True)
    applied_unknown = sum(op.get("applied", False) for w in writers for op in w.ops if op["outcome"] == "unknown")
    print(f"final check: server up in {startup:.1f} s; {sent} writes sent, {acked} acknowledged, {unknown} unanswered "
          f"at a kill ({applied_unknown} of them applied, whole), {rejected} refused; "
          f"{time.monotonic() - started:.0f} s", flush=True)
    print(f"crash: {args.rounds} rounds, {checked} acknowledged writes checked, {total_problems} problems", flush=True)
    sys.exit(1 if total_problems else 0)


if __name__ == "__main__":
    main()

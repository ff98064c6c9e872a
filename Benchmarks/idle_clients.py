#!/usr/bin/env python3
"""Hold N idle keep-alive connections to a server while another client is measured.

Opens N connections to HOST:PORT (loopback only), sends one keep-alive GET on each and reads its response, then
keeps them open and idle. Prints "ready N" when all are established (or "ready K" with the count that made it), then
waits until stdin closes or --hold seconds pass, and finally reports how many the server had closed meanwhile.
"""
import argparse
import selectors
import socket
import sys
import time


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("address", help="HOST:PORT on the loopback")
    ap.add_argument("--connections", type=int, default=10000)
    ap.add_argument("--path", default="/")
    ap.add_argument("--hold", type=float, default=120.0, help="seconds to hold at most")
    args = ap.parse_args()
    host, _, port = args.address.rpartition(":")
    if host not in ("127.0.0.1", "localhost", "[::1]"):
        print("idle_clients.py: loopback addresses only", file=sys.stderr)
        return 2
    host = host.strip("[]")
    request = f"GET {args.path} HTTP/1.1\r\nHost: {args.address}\r\n\r\n".encode()
    socks = []
    deadline = time.monotonic() + 60
    for i in range(args.connections):
        if time.monotonic() > deadline:
            break
        try:
            s = socket.create_connection((host, int(port)), timeout=10)
            s.sendall(request)
            socks.append(s)
        except OSError as e:
            print(f"connection {i}: {e}", file=sys.stderr)
            break
    # Read one response head on each (they are small, one recv is enough for the tiny route).
    answered = 0
    for s in socks:
        try:
            data = s.recv(65536)
            if data.startswith(b"HTTP/1.1 200"):
                answered += 1
        except OSError:
            pass
        s.setblocking(False)
    print(f"ready {len(socks)} answered {answered}", flush=True)
    sel = selectors.DefaultSelector()
    sel.register(sys.stdin, selectors.EVENT_READ)
    end = time.monotonic() + args.hold
    while time.monotonic() < end:
        if sel.select(timeout=min(1.0, max(0.0, end - time.monotonic()))):
            sys.stdin.readline()  # any line, or end of input, ends the hold
            break
    closed = 0
    for s in socks:
        try:
            if s.recv(1) == b"":
                closed += 1
        except BlockingIOError:
            pass
        except OSError:
            closed += 1
        s.close()
    print(f"closed-by-server {closed}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

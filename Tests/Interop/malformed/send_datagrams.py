#!/usr/bin/env python3
"""Sends the raw malformed SIP datagrams listed in cases.txt to a SIP server over UDP on
loopback and checks the status of each answer (or that none comes).

sipp cannot test these: it drops answers whose Call-ID or CSeq it cannot match. Here every
datagram goes out from its own socket, and whatever comes back on it within the wait is the answer.

Usage: send_datagrams.py --target 127.0.0.1:5060 [--expect ours|kamailio] [--user bench1]
                         [--domain simpleim.test] [--wait 1.0]
Exit code 0 when every case got the expected answer, 1 otherwise.
"""
import argparse
import os
import socket
import sys
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))


def load_cases(column):
    cases = []
    with open(os.path.join(HERE, "cases.txt"), encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            parts = line.split(None, 3)
            expected = parts[1] if column == "ours" else parts[2]
            cases.append((parts[0], expected, parts[3] if len(parts) > 3 else ""))
    return cases


def render(name, local, user, domain):
    """Fills the placeholders and turns the file's LF lines into a SIP datagram: CRLF after the
    start line and every header, the body as written without the file's final newline."""
    with open(os.path.join(HERE, name), encoding="utf-8") as f:
        text = f.read()
    token = uuid.uuid4().hex[:16]
    text = (text.replace("{local}", local).replace("{user}", user).replace("{domain}", domain)
            .replace("{branch}", "z9hG4bK-raw-" + token).replace("{tag}", "raw-" + token[:8])
            .replace("{callid}", "raw-" + token + "@127.0.0.1"))
    head, _, body = text.partition("\n\n")
    if body.endswith("\n"):
        body = body[:-1]
    return ("\r\n".join(head.split("\n")) + "\r\n\r\n" + body).encode("utf-8")


def status_of(datagram):
    first = datagram.split(b"\r\n", 1)[0].decode("latin-1")
    parts = first.split(" ", 2)
    if len(parts) >= 2 and parts[0] == "SIP/2.0" and parts[1].isdigit():
        return parts[1], first
    return "?", first


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--target", required=True, help="host:port of the server (loopback)")
    ap.add_argument("--expect", choices=("ours", "kamailio"), default="ours")
    ap.add_argument("--user", default="bench1")
    ap.add_argument("--domain", default="simpleim.test")
    ap.add_argument("--wait", type=float, default=1.0, help="seconds to wait for an answer")
    args = ap.parse_args()
    host, port = args.target.rsplit(":", 1)
    target = (host, int(port))

    ok = wrong = 0
    for name, expected, why in load_cases(args.expect):
        sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        try:
            sock.bind(("127.0.0.1", 0))
            local = "127.0.0.1:%d" % sock.getsockname()[1]
            sock.sendto(render(name, local, args.user, args.domain), target)
            sock.settimeout(args.wait)
            # A 100 Trying may come first; the final answer is what counts.
            got, line = "none", ""
            while True:
                try:
                    data, _ = sock.recvfrom(65535)
                except socket.timeout:
                    break
                got, line = status_of(data)
                if got != "100":
                    break
        finally:
            sock.close()
        if got == expected:
            ok += 1
            print("ok    %-34s %s %s" % (name, got, line if got != "none" else ""))
        else:
            wrong += 1
            print("WRONG %-34s expected %s, got %s %s  (%s)" % (name, expected, got, line, why))
    print("malformed datagrams: %d as expected, %d not" % (ok, wrong))
    return 0 if wrong == 0 else 1


if __name__ == "__main__":
    sys.exit(main())

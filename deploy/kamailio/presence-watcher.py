#!/usr/bin/env python3
"""A minimal presence watcher for run-seed-flow.sh: Tom's SUBSCRIBE to Bob's presence.

Sends one SUBSCRIBE (Event: presence) through the proxy, answers a 407 challenge with MD5 digest
(qop=auth), then answers every NOTIFY with 200 OK and prints one line per event:
  SUBSCRIBE <status> <reason>
  NOTIFY state=<Subscription-State> basic=<open|closed|none>
Runs until SIGTERM/SIGINT or --seconds have passed. Loopback only; no state beyond one dialog.
"""
import argparse
import hashlib
import re
import signal
import socket
import sys
import time
import uuid


def md5(text):
    return hashlib.md5(text.encode()).hexdigest()


def header(message, name):
    match = re.search(r"^" + name + r"\s*:\s*(.*)$", message, re.IGNORECASE | re.MULTILINE)
    return match.group(1).strip() if match else None


def headers(message, name):
    return [m.strip() for m in re.findall(r"^" + name + r"\s*:\s*(.*)$", message, re.IGNORECASE | re.MULTILINE)]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--proxy", required=True, help="host:port of the SIP/IP Core")
    parser.add_argument("--user", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--domain", required=True)
    parser.add_argument("--target", required=True, help="the presentity's AOR")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--seconds", type=float, default=120)
    args = parser.parse_args()

    host, port = args.proxy.rsplit(":", 1)
    proxy = (host, int(port))
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind(("127.0.0.1", args.port))
    local = "127.0.0.1:%d" % sock.getsockname()[1]
    me = "sip:%s@%s" % (args.user, args.domain)
    call_id = uuid.uuid4().hex + "@127.0.0.1"
    from_tag = uuid.uuid4().hex[:10]
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))

    def say(line):
        print(time.strftime("%H:%M:%S"), line, flush=True)

    def subscribe(cseq, authorization=None):
        lines = [
            "SUBSCRIBE %s SIP/2.0" % args.target,
            "Via: SIP/2.0/UDP %s;branch=z9hG4bK%s;rport" % (local, uuid.uuid4().hex[:16]),
            "Max-Forwards: 70",
            "From: <%s>;tag=%s" % (me, from_tag),
            "To: <%s>" % args.target,
            "Call-ID: %s" % call_id,
            "CSeq: %d SUBSCRIBE" % cseq,
            "Contact: <sip:%s@%s>" % (args.user, local),
            "Event: presence",
            "Accept: application/pidf+xml",
            "Expires: 600",
        ]
        if authorization:
            lines.append("Proxy-Authorization: " + authorization)
        lines.append("Content-Length: 0")
        sock.sendto(("\r\n".join(lines) + "\r\n\r\n").encode(), proxy)

    def digest(challenge, cseq_method, uri):
        params = dict(re.findall(r'(\w+)="?([^",]*)"?', challenge))
        ha1 = md5("%s:%s:%s" % (args.user, params["realm"], args.password))
        ha2 = md5("%s:%s" % (cseq_method, uri))
        cnonce = uuid.uuid4().hex[:8]
        value = 'Digest username="%s", realm="%s", nonce="%s", uri="%s", algorithm=MD5' % (
            args.user, params["realm"], params["nonce"], uri)
        if "auth" in params.get("qop", "").split(","):
            response = md5("%s:%s:00000001:%s:auth:%s" % (ha1, params["nonce"], cnonce, ha2))
            value += ', qop=auth, nc=00000001, cnonce="%s"' % cnonce
        else:
            response = md5("%s:%s:%s" % (ha1, params["nonce"], ha2))
        return value + ', response="%s"' % response

    cseq = 1
    subscribe(cseq)
    deadline = time.time() + args.seconds
    sock.settimeout(0.5)
    while time.time() < deadline:
        try:
            data, source = sock.recvfrom(65535)
        except socket.timeout:
            continue
        text = data.decode("utf-8", "replace")
        head, _, body = text.partition("\r\n\r\n")
        first = head.split("\r\n", 1)[0]
        if first.startswith("SIP/2.0 "):
            if "SUBSCRIBE" not in (header(head, "CSeq") or ""):
                continue
            status, _, reason = first[8:].partition(" ")
            if status == "407" and cseq == 1:
                cseq += 1
                subscribe(cseq, digest(header(head, "Proxy-Authenticate"), "SUBSCRIBE", args.target))
                continue
            say("SUBSCRIBE %s %s" % (status, reason))
        elif first.startswith("NOTIFY "):
            reply = ["SIP/2.0 200 OK"]
            reply += ["Via: " + v for v in headers(head, "Via")]
            for name in ("From", "To", "Call-ID", "CSeq"):
                reply.append("%s: %s" % (name, header(head, name)))
            reply.append("Content-Length: 0")
            sock.sendto(("\r\n".join(reply) + "\r\n\r\n").encode(), source)
            basic = re.search(r"<(?:\w+:)?basic>\s*(\w+)\s*<", body)
            say("NOTIFY state=%s basic=%s" % (header(head, "Subscription-State"), basic.group(1) if basic else "none"))


if __name__ == "__main__":
    main()

"""Copies Ethernet frames between two interfaces, delaying and dropping them per direction.

    python3 impair.py UP_IN UP_OUT

Frames read on UP_IN go out on UP_OUT ("up") and frames read on UP_OUT go out on UP_IN
("down"). Settings arrive as JSON lines on stdin, e.g.
{"up": {"delayMs": 80, "loss": 0.03}, "down": {"delayMs": 0, "loss": 1}}; every line is
answered on stdout with the frame counts so far ({} only asks for them). It exits when stdin
closes, so it does not outlive the process that started it. The links' senders must have
checksum and segmentation offloads off: frames are copied as read.
"""

import collections
import json
import os
import random
import select
import signal
import socket
import sys
import time

ETH_P_ALL = 0x0003
PACKET_OUTGOING = 4
SOL_PACKET = 263
PACKET_IGNORE_OUTGOING = 23
# Frames handled per wake-up and direction, so a flood cannot starve the other direction.
BURST = 64


def raw_socket(device):
    # Bound to the device at once: a socket created with ETH_P_ALL would first see every device.
    sock = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, 0)
    sock.bind((device, ETH_P_ALL))
    try:
        sock.setsockopt(SOL_PACKET, PACKET_IGNORE_OUTGOING, 1)
    except OSError:
        pass  # older kernels: the pkttype check below skips them
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 << 20)
    sock.setblocking(False)
    return sock


class Direction:
    def __init__(self, source, sink):
        self.source, self.sink = source, sink
        self.delay = 0.0
        self.loss = 0.0
        # FIFO: one delay per direction, and a link does not reorder when it changes.
        self.queue = collections.deque()
        self.forwarded = self.dropped = self.failed = 0

    def configure(self, settings):
        self.delay = max(0.0, float(settings.get("delayMs", 0))) / 1000
        self.loss = min(1.0, max(0.0, float(settings.get("loss", 0))))

    def receive(self, now):
        for _ in range(BURST):
            try:
                frame, address = self.source.recvfrom(65536)
            except (BlockingIOError, InterruptedError):
                return
            if address[2] == PACKET_OUTGOING:
                continue
            if self.loss and random.random() < self.loss:
                self.dropped += 1
            elif self.delay or self.queue:
                self.queue.append((now + self.delay, frame))
            else:
                self.send(frame)

    def send(self, frame):
        try:
            self.sink.send(frame)
            self.forwarded += 1
        except OSError:
            self.failed += 1  # e.g. EMSGSIZE if a sender still segments late

    def release(self, now):
        """Sends what is due; returns when the next frame is, or None."""
        queue = self.queue
        while queue and queue[0][0] <= now:
            self.send(queue.popleft()[1])
        return queue[0][0] if queue else None

    def counts(self):
        return {"forwarded": self.forwarded, "dropped": self.dropped, "failed": self.failed,
                "queued": len(self.queue)}


def log(message):
    sys.stderr.write(f"{time.strftime('%H:%M:%S')} {message}\n")
    sys.stderr.flush()


def main():
    up_in, up_out = sys.argv[1:3]
    a, b = raw_socket(up_in), raw_socket(up_out)
    directions = {"up": Direction(a, b), "down": Direction(b, a)}

    def counts():
        return {name: d.counts() for name, d in directions.items()}

    def reply():
        os.write(1, (json.dumps(counts()) + "\n").encode())

    stdin = sys.stdin.fileno()
    pending = b""
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    log(f"forwarding {up_in} <-> {up_out}")
    reply()  # ready
    try:
        while True:
            now = time.monotonic()
            due = [t for t in (d.release(now) for d in directions.values()) if t is not None]
            timeout = max(0.0, min(due) - time.monotonic()) if due else None
            ready, _, _ = select.select([a, b, stdin], [], [], timeout)
            now = time.monotonic()
            for direction in directions.values():
                if direction.source in ready:
                    direction.receive(now)
            if stdin in ready:
                data = os.read(stdin, 4096)
                if not data:
                    return
                pending += data
                while b"\n" in pending:
                    line, pending = pending.split(b"\n", 1)
                    command = json.loads(line or b"{}")
                    for name, settings in command.items():
                        directions[name].configure(settings)
                    if command:
                        log(f"settings {json.dumps(command)}")
                    reply()
    finally:
        log(f"exiting; frames {json.dumps(counts())}")


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""A loopback TCP relay that counts the bytes a client sends to a server
(request lines, headers and bodies: what goes on the wire), for the push
benchmark's "bytes sent" column. Listens on 127.0.0.1 port 0, writes its
port to PORTFILE, and on SIGTERM writes the client→server byte count to
COUNTFILE. Usage: count_relay.py TARGET_PORT PORTFILE COUNTFILE
"""

import os
import signal
import socket
import sys
import threading

target = int(sys.argv[1])
portfile, countfile = sys.argv[2], sys.argv[3]
sent = 0
lock = threading.Lock()


def pump(src, dst, count):
    global sent
    try:
        while True:
            data = src.recv(1 << 20)
            if not data:
                break
            if count:
                with lock:
                    sent += len(data)
            dst.sendall(data)
    except OSError:
        pass
    finally:
        for s in (src, dst):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def serve(listener):
    while True:
        client, _ = listener.accept()
        server = socket.create_connection(("127.0.0.1", target))
        threading.Thread(target=pump, args=(client, server, True), daemon=True).start()
        threading.Thread(target=pump, args=(server, client, False), daemon=True).start()


def stop(*_):
    with lock:
        with open(countfile, "w") as f:
            f.write("%d\n" % sent)
    sys.exit(0)


listener = socket.socket()
listener.bind(("127.0.0.1", 0))
listener.listen(64)
with open(portfile + ".tmp", "w") as f:
    f.write("%d\n" % listener.getsockname()[1])
os.rename(portfile + ".tmp", portfile)
signal.signal(signal.SIGTERM, stop)
threading.Thread(target=serve, args=(listener,), daemon=True).start()
signal.pause()

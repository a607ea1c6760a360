"""Run the app under uvicorn on a socket bound here (so a busy port is a clear error, and port 0 works)."""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from types import TracebackType

import uvicorn
from starlette.types import ASGIApp

from .app import LOOPBACK_HOSTS


def is_loopback(host: str) -> bool:
    """True for localhost, 127.0.0.0/8 and ::1."""
    if host.strip("[]").lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def allowed_hosts_for(host: str) -> tuple[str, ...] | None:
    """Host headers to accept: the loopback names when bound to loopback, anything otherwise."""
    if not is_loopback(host):
        return None
    extra = host.strip("[]").lower()
    return LOOPBACK_HOSTS + ((f"[{extra}]" if ":" in extra else extra),)


def bind_socket(host: str, port: int) -> socket.socket:
    """A listening TCP socket on host:port (OSError when the address is busy or unknown)."""
    infos = socket.getaddrinfo(host.strip("[]"), port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    family, kind, proto, _, address = infos[0]
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(2048)
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock


def url_of(sock: socket.socket) -> str:
    """http://host:port/ of a bound socket."""
    host, port = sock.getsockname()[:2]
    return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"


def make_server(app: ASGIApp, log_level: str = "warning", access_log: bool = False) -> uvicorn.Server:
    """A uvicorn server for the app (run it with `.run(sockets=[sock])`)."""
    config = uvicorn.Config(app, log_level=log_level, access_log=access_log, lifespan="off",
                            timeout_keep_alive=5, server_header=False)
    return uvicorn.Server(config)


class BackgroundServer:
    """Serve an app on 127.0.0.1 (a free port) in a thread; for tests and benchmarks.

    >>> with BackgroundServer(app) as url: ...  # doctest: +SKIP
    """

    def __init__(self, app: ASGIApp, host: str = "127.0.0.1", port: int = 0) -> None:
        self.sock = bind_socket(host, port)
        self.url = url_of(self.sock)
        self.server = make_server(app)
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the test server did not start")
            time.sleep(0.02)
        return self.url

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
        self.sock.close()

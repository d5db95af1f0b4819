"""A throwaway LXD (or Incus) daemon of a test's own (its own LXD_DIR / INCUS_DIR), for
what must not touch the shared daemons: stopping and restarting a server under a client.
``private_daemon()`` gives the flavour the test run targets (Incus when INCUS_SOCKET is
set, as in scripts/test's Incus pass)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import time


class PrivateLXD:
    """``start()`` / ``stop()`` an empty LXD in a temporary directory (0.5 s to start here);
    ``remove()`` stops it and deletes everything it made."""

    #: The daemon, the variable naming its directory, and how to wait until it answers.
    daemon = ["lxd"]
    dir_variable = "LXD_DIR"
    waitready = ["lxd", "waitready", "--timeout", "30"]

    def __init__(self) -> None:
        self.directory = tempfile.mkdtemp(prefix="pylxd-private-lxd-", dir="/tmp")
        self.socket = os.path.join(self.directory, "unix.socket")
        self._process: subprocess.Popen[bytes] | None = None

    def _env(self) -> dict[str, str]:
        # A closed loopback port as proxy: nothing leaves the machine.
        proxy = "http://127.0.0.1:9"
        # INCUS_SOCKET (the Incus pass sets it) would point incus and incusd at the shared one.
        inherited = {k: v for k, v in os.environ.items() if k not in ("INCUS_SOCKET", "LXD_DIR")}
        return {
            **inherited,
            self.dir_variable: self.directory,
            "http_proxy": proxy,
            "https_proxy": proxy,
            "no_proxy": "127.0.0.0/8,localhost,::1",
        }

    def start(self) -> None:
        log = os.path.join(self.directory, "daemon.log")
        self._process = subprocess.Popen(
            [*self.daemon, "--group", "root", "--logfile", log],
            env=self._env(),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        subprocess.run(self.waitready, env=self._env(), check=True)

    def stop(self) -> None:
        """SIGTERM (LXD shuts down cleanly), SIGKILL after 5 s."""
        process, self._process = self._process, None
        if process is None:
            return
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    def remove(self) -> None:
        self.stop()
        with open("/proc/mounts") as f:
            mounts = [line.split()[1] for line in f if line.split()[1].startswith(self.directory)]
        for mount in sorted(mounts, reverse=True):
            subprocess.run(["umount", "-l", mount], check=False)
        time.sleep(0.05)
        shutil.rmtree(self.directory, ignore_errors=True)


class PrivateIncus(PrivateLXD):
    """The same with Incus' daemon (``incusd``, ``INCUS_DIR``)."""

    daemon = ["/usr/libexec/incus/incusd"]
    dir_variable = "INCUS_DIR"
    waitready = ["incus", "admin", "waitready", "--timeout", "30"]

    def _env(self) -> dict[str, str]:
        # The incus command's own config stays in the directory too.
        return {**super()._env(), "INCUS_CONF": os.path.join(self.directory, "client")}


def private_daemon() -> PrivateLXD:
    """A private daemon of the flavour this run tests (Incus when INCUS_SOCKET is set)."""
    return PrivateIncus() if os.environ.get("INCUS_SOCKET") else PrivateLXD()

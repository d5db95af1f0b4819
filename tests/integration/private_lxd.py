"""A throwaway LXD daemon of a test's own (its own LXD_DIR), for what must not touch the
shared daemons: stopping and restarting a server under a client."""

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

    def __init__(self) -> None:
        self.directory = tempfile.mkdtemp(prefix="pylxd-private-lxd-", dir="/tmp")
        self.socket = os.path.join(self.directory, "unix.socket")
        self._process: subprocess.Popen[bytes] | None = None

    def _env(self) -> dict[str, str]:
        # A closed loopback port as proxy: nothing leaves the machine.
        proxy = "http://127.0.0.1:9"
        return {
            **os.environ,
            "LXD_DIR": self.directory,
            "http_proxy": proxy,
            "https_proxy": proxy,
            "no_proxy": "127.0.0.0/8,localhost,::1",
        }

    def start(self) -> None:
        log = os.path.join(self.directory, "lxd.log")
        self._process = subprocess.Popen(
            ["lxd", "--group", "root", "--logfile", log],
            env=self._env(),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        subprocess.run(["lxd", "waitready", "--timeout", "30"], env=self._env(), check=True)

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

"""Peak RSS of one call (stdlib only: also used from upstream's venv)."""

from __future__ import annotations


def _status_kb(field: str) -> int:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise KeyError(field)


def reset_peak_rss() -> float:
    """Restart the peak at the current RSS (a child of a big process inherits its peak in
    ``ru_maxrss``); returns the current RSS in MB."""
    with open("/proc/self/clear_refs", "w") as f:
        f.write("5")
    return _status_kb("VmRSS") / 1024


def peak_rss_mb() -> float:
    """The peak RSS since :func:`reset_peak_rss`, in MB."""
    return _status_kb("VmHWM") / 1024

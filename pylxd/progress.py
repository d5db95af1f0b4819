"""A ready-made progress bar for long transfers (``pip install 'pylxd[progress]'``).

Every transfer that can take long takes a ``progress=`` callable, called with
``(done, total)`` bytes as the data goes (``total`` is ``None`` when the size is not known):
image uploads and exports, file puts and gets (recursive ones too), backup exports and
imports, of instances and of volumes. :class:`ProgressBar` is such a callable, drawn by
`tqdm <https://tqdm.github.io>`_::

    from pylxd.progress import ProgressBar

    client.images.create(data, progress=ProgressBar("upload"))
    instance.files.recursive_get("/etc", "etc", progress=ProgressBar("pull /etc"))
"""

from __future__ import annotations

from typing import IO, Any

__all__ = ["ProgressBar"]


class ProgressBar:
    """A terminal progress bar, in bytes, for one transfer's ``progress=`` callback.

    The bar appears at the first call and closes itself once ``done`` reaches ``total``;
    use it as a context manager (or call :meth:`close`) when the total may be unknown.
    Called again after that, it draws a new bar. Works the same with both clients.

    Args:
        description: the text before the bar (``"upload"``, a file name…).
        file: where to draw it (``sys.stderr`` by default).
        leave: keep the finished bar on screen.
        **options: more of :class:`tqdm.tqdm`'s options (``disable=True``, ``ncols=…``).

    Raises:
        ImportError: tqdm is not installed (``pip install 'pylxd[progress]'``).
    """

    def __init__(
        self,
        description: str | None = None,
        *,
        file: IO[str] | None = None,
        leave: bool = True,
        **options: Any,
    ) -> None:
        try:
            from tqdm import tqdm  # type: ignore[import-untyped, unused-ignore]
        except ImportError as exc:
            raise ImportError(
                "pylxd.progress.ProgressBar draws with tqdm: pip install 'pylxd[progress]'"
            ) from exc
        self._tqdm = tqdm
        self._options: dict[str, Any] = {
            "desc": description,
            "file": file,
            "leave": leave,
            "unit": "B",
            "unit_scale": True,
            "unit_divisor": 1024,
            **options,
        }
        self._bar: Any = None

    def __call__(self, done: int, total: int | None) -> None:
        bar = self._bar
        if bar is None:
            bar = self._bar = self._tqdm(total=total, **self._options)
        elif done < bar.n:  # the transfer started over (a retry): start the bar over
            bar.reset(total=total)
        if total != bar.total:
            bar.total = total
            bar.refresh()
        bar.update(done - bar.n)
        if total is not None and done >= total:
            self.close()

    @property
    def n(self) -> int:
        """Bytes counted by the bar on screen (0 before the first call and once closed)."""
        return int(self._bar.n) if self._bar is not None else 0

    def close(self) -> None:
        """Finish the bar on screen (nothing if there is none)."""
        bar, self._bar = self._bar, None
        if bar is not None:
            bar.close()

    def __enter__(self) -> ProgressBar:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<ProgressBar description={self._options['desc']!r} done={self.n}>"

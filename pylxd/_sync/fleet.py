# Generated from pylxd/_async/fleet.py by tools/unasync.py: do not edit, edit the source.
"""Fleets: one action on many instances at once, with bounded concurrency.

>>> fleet = Fleet(client, concurrency=8)
>>> created = fleet.create([{"name": f"web-{i}", "source": {...}} for i in range(20)])
>>> started = fleet.start(r.value for r in created if r.ok)
>>> for r in fleet.execute([r.value for r in started if r.ok], ["true"]):
...     print(r.name, r.value.exit_code if r.ok else r.error)

Each helper returns one :class:`FleetResult` per item, in the order given: its value, or
the exception it raised. One failure cancels nothing. The asyncio flavour runs the work
as tasks (``pylxd.Fleet``), the blocking one on a pool of ``concurrency`` threads
sharing the client (``pylxd.fleet.Fleet``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import partial
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from pylxd._sync.instances.instance import Instance
from pylxd._core.exec import ExecuteResult
from pylxd._drivers.sync.flavour import Step, gather_settled

if TYPE_CHECKING:
    from pylxd._sync.client import Client

__all__ = ["Fleet", "FleetResult"]

T = TypeVar("T")
Item = TypeVar("Item")

#: Instances may be given as objects or by name.
InstanceLike = Instance | str


class FleetResult(Generic[T]):
    """What one item's action gave: ``value`` or ``error`` (exactly one is set)."""

    __slots__ = ("error", "name", "value")

    def __init__(self, name: str, value: T | None = None, error: Exception | None = None) -> None:
        self.name = name
        self.value = value
        self.error = error

    @property
    def ok(self) -> bool:
        """Whether the action succeeded."""
        return self.error is None

    def unwrap(self) -> T:
        """The value, or the error raised."""
        if self.error is not None:
            raise self.error
        return self.value  # type: ignore[return-value]

    def __repr__(self) -> str:
        outcome = f"error={self.error!r}" if self.error is not None else f"value={self.value!r}"
        return f"<FleetResult {self.name!r} {outcome}>"


class Fleet:
    """Act on many instances of one client, at most ``concurrency`` at a time.

    Args:
        client: the client every action goes through (shared by all tasks or threads).
        concurrency: how many actions run at once.
    """

    def __init__(self, client: Client, concurrency: int = 8) -> None:
        if concurrency < 1:
            raise ValueError("concurrency must be at least 1")
        self.client = client
        self.concurrency = concurrency

    def map(
        self, items: Iterable[Item], action: Step[T], names: Sequence[str] | None = None
    ) -> list[FleetResult[T]]:
        """Run ``action(item)`` for every item; each one's result or exception, in order.

        ``names`` labels the results (default: ``str(item)``).
        """
        items = list(items)
        labels = list(names) if names is not None else [str(item) for item in items]
        outcomes = gather_settled([partial(action, item) for item in items], self.concurrency)
        return [
            FleetResult(label, error=outcome)
            if isinstance(outcome, Exception)
            else FleetResult(label, value=outcome)
            for label, outcome in zip(labels, outcomes, strict=True)
        ]

    def _instances(self, instances: Iterable[InstanceLike]) -> list[Instance]:
        return [
            Instance(self.client, name=each) if isinstance(each, str) else each
            for each in instances
        ]

    def _each(
        self, instances: Iterable[InstanceLike], action: Step[T]
    ) -> list[FleetResult[T]]:
        objects = self._instances(instances)
        return self.map(objects, action, [o._raw_attr("name") for o in objects])

    def create(
        self,
        configs: Iterable[Mapping[str, Any]],
        wait: bool = True,
        target: str | None = None,
    ) -> list[FleetResult[Instance]]:
        """Create an instance per config (see :meth:`Instance.create`); by default each
        waits for its creation."""
        configs = list(configs)

        def create(config: Mapping[str, Any]) -> Instance:
            return self.client.instances.create(config, wait=wait, target=target)

        return self.map(configs, create, [str(c.get("name", "")) for c in configs])

    def start(
        self, instances: Iterable[InstanceLike], wait: bool = True
    ) -> list[FleetResult[Instance]]:
        """Start every instance (each waits for its start by default)."""

        def start(instance: Instance) -> Instance:
            instance.start(wait=wait)
            return instance

        return self._each(instances, start)

    def stop(
        self, instances: Iterable[InstanceLike], wait: bool = True, force: bool = True
    ) -> list[FleetResult[Instance]]:
        """Stop every instance (a kill unless ``force=False``, as :meth:`Instance.stop`)."""

        def stop(instance: Instance) -> Instance:
            instance.stop(force=force, wait=wait)
            return instance

        return self._each(instances, stop)

    def execute(
        self, instances: Iterable[InstanceLike], commands: Sequence[str], **kwargs: Any
    ) -> list[FleetResult[ExecuteResult]]:
        """Run ``commands`` in every instance (``kwargs`` as :meth:`Instance.execute`).

        A command that exits non-zero is a result, not an error: check ``exit_code``.
        """

        def execute(instance: Instance) -> ExecuteResult:
            return instance.execute(commands, **kwargs)

        return self._each(instances, execute)

    def delete(
        self, instances: Iterable[InstanceLike], wait: bool = True, force: bool = False
    ) -> list[FleetResult[str]]:
        """Delete every instance; with ``force``, a running one is stopped first.
        Each result's value is the instance's name."""

        def delete(instance: Instance) -> str:
            if force:
                instance.sync()
                if instance.status != "Stopped":
                    instance.stop(force=True, wait=True)
            instance.delete(wait=wait)
            return str(instance._raw_attr("name"))

        return self._each(instances, delete)

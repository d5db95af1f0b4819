"""Model fields: typed descriptors, dirty tracking (in-place edits included), unknown fields.

A model stores its values in ``_values``. Mutable values (dicts, lists) are snapshotted
the first time they are read, so an in-place edit such as ``instance.config.update(...)``
makes the object dirty without wrapping the dict. A snapshot is the server's value as last
seen: assigning a field keeps it, and a fetch replaces it, so a local edit survives a
fetch (an in-place edit of a dict is merged into the server's new dict key by key).
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, ClassVar, Generic, TypeVar, overload

from pylxd._core.values import MISSING, clone, config_strings

__all__ = [
    "MISSING",
    "Attribute",
    "AttributeDict",
    "FieldModel",
    "object_repr",
]

T = TypeVar("T")


_NOT_LOADED: Any = object()


class Attribute(Generic[T]):
    """A declared model field.

    Args:
        readonly: never sent back to the server by ``save()``.
        optional: sent only when it has a value.
        validator: coerces a value whose type differs (``validator(value)``).
        key: the server's name when it is not a Python identifier (``class``).
        server_keys: for a dict field, the key prefixes the server manages (``volatile.``):
            when the whole dict is replaced, ``save()`` keeps the server's keys with these
            prefixes that the new dict does not set.
        from_server: how the server's value reads (given ``MISSING`` when a complete
            object lacks the key), where old pylxd or its docs read it otherwise
            (``null_as_list``, ``none_as_null``, ``missing_as_true``).
    """

    __slots__ = (
        "from_server",
        "key",
        "name",
        "optional",
        "readonly",
        "server_keys",
        "validator",
    )

    def __init__(
        self,
        validator: Callable[[Any], T] | None = None,
        *,
        readonly: bool = False,
        optional: bool = False,
        key: str | None = None,
        server_keys: tuple[str, ...] = (),
        from_server: Callable[[Any], Any] | None = None,
    ) -> None:
        self.validator = validator
        self.from_server = from_server
        self.readonly = readonly
        self.optional = optional
        self.key = key or ""
        self.name = ""
        self.server_keys = server_keys

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name
        self.key = self.key or name

    @overload
    def __get__(self, obj: None, owner: type) -> Attribute[T]: ...
    @overload
    def __get__(self, obj: FieldModel, owner: type) -> T: ...
    def __get__(self, obj: FieldModel | None, owner: type) -> Attribute[T] | T:
        if obj is None:
            return self
        value: T = obj._read_field(self)
        return value

    def __set__(self, obj: FieldModel, value: T) -> None:
        if self.validator is not None and value is not None:
            value = self.validator(value)
        obj._write_field(self, value)


class AttributeDict:
    """A server's dict read as attributes (``state.status``, ``state.network['eth0']``);
    iterating gives ``(key, value)`` pairs. For read-only views such as states."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        self.__dict__.update(data)

    def __iter__(self) -> Iterator[tuple[str, Any]]:
        return iter(self.__dict__.items())


def object_repr(obj: object, items: Iterable[tuple[str, Any]]) -> str:
    """``<Type key='value' …>``: how every pylxd object prints (its identity, not its data)."""
    return "".join((f"<{type(obj).__name__}", *(f" {k}={v!r}" for k, v in items), ">"))


_seen_warnings: set[tuple[str, str]] = set()


def warn_unknown(cls: type, key: str) -> None:
    """Warn once per class and field (``PYLXD_WARNINGS=none`` silences, ``always`` repeats)."""
    mode = os.environ.get("PYLXD_WARNINGS", "").lower()
    if mode == "none":
        return
    seen = (cls.__qualname__, key)
    if mode != "always":
        if seen in _seen_warnings:
            return
        _seen_warnings.add(seen)
    warnings.warn(
        f'Attempted to set unknown attribute "{key}" on instance of "{cls.__name__}"',
        UserWarning,
        stacklevel=4,
    )


def merge_edits(base: Any, local: dict[str, Any], server: Any) -> dict[str, Any]:
    """Replay the edits that turned ``base`` into ``local`` on ``server``'s dict.

    Keys set or changed locally take the local value, keys deleted locally stay deleted,
    and the server's other keys are taken as the server has them. Without a dict on
    either side there is nothing to replay on: ``local`` is kept.
    """
    if not isinstance(base, dict) or not isinstance(server, dict):
        return dict(local)
    merged: dict[str, Any] = clone(server)
    for key, value in local.items():
        if key not in base or base[key] != value:
            merged[key] = value
    for key in base:
        if key not in local:
            merged.pop(key, None)
    return merged


def keep_server_keys(value: Any, server: Any, prefixes: tuple[str, ...], explicit: set[str]) -> Any:
    """``value`` plus the keys of ``server`` starting with ``prefixes`` that it lacks.

    Keys in ``explicit`` (the user set them in the dict assigned) are not brought back:
    if ``value`` lacks one, the user deleted it.
    """
    if not isinstance(value, dict) or not isinstance(server, dict):
        return value
    kept = {
        k: v
        for k, v in server.items()
        if k.startswith(prefixes) and k not in value and k not in explicit
    }
    return {**value, **kept} if kept else value


def without_keys(
    value: Any, prefixes: tuple[str, ...], keep: frozenset[str] | set[str] = frozenset()
) -> Any:
    """A dict ``value`` without its keys starting with ``prefixes`` (but those in ``keep``);
    anything else unchanged."""
    if not prefixes or not isinstance(value, dict):
        return value
    return {k: v for k, v in value.items() if k in keep or not k.startswith(prefixes)}


class FieldModel:
    """The I/O-free half of every model: field storage, dirty tracking, marshalling.

    Subclasses declare :class:`Attribute` fields; their server keys are collected in
    ``_fields``. Unknown keys from the server are kept in ``_extra`` (readable as
    attributes) and warned about once.
    """

    _fields: ClassVar[dict[str, Attribute[Any]]] = {}
    #: The fields whose server value is converted (``from_server``), with the converter.
    _converted: ClassVar[tuple[tuple[str, Callable[[Any], Any]], ...]] = ()
    _identity: ClassVar[tuple[str, ...]] = ("name",)

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        fields: dict[str, Attribute[Any]] = {}
        for klass in reversed(cls.__mro__):
            for value in vars(klass).values():
                if isinstance(value, Attribute):
                    fields[value.key] = value
        cls._fields = fields
        cls._converted = tuple(
            (key, field.from_server) for key, field in fields.items() if field.from_server
        )

    def __init__(self, **values: Any) -> None:
        self._values: dict[str, Any] = {}
        self._snapshots: dict[str, Any] = {}
        self._changed: set[str] = set()
        self._set_keys: dict[str, set[str]] = {}
        self._extra: dict[str, Any] = {}
        self._loaded = False
        self._apply(values, complete=False)

    # -- reading and writing fields ------------------------------------------------

    def _read_field(self, field: Attribute[Any]) -> Any:
        value = self._values.get(field.key, _NOT_LOADED)
        if value is _NOT_LOADED:
            self._field_not_loaded(field.name)
            value = self._values.get(field.key, MISSING)
        if value is MISSING:
            return None
        if isinstance(value, (dict, list)) and field.key not in self._snapshots:
            self._snapshots[field.key] = clone(value)
        return value

    def _write_field(self, field: Attribute[Any], value: Any) -> None:
        key = field.key
        old = self._values.get(key, _NOT_LOADED)
        if key not in self._snapshots and old is not _NOT_LOADED:
            # The server's value: save()'s check for a concurrent change, and server_keys.
            self._snapshots[key] = clone(old)
        self._values[key] = value
        self._changed.add(key)
        if field.server_keys and isinstance(value, dict):
            # The server's keys the user set now: deleting one later is explicit.
            self._set_keys[key] = {k for k in value if k.startswith(field.server_keys)}

    def _field_not_loaded(self, name: str) -> None:
        """Called when a field is read before the server sent it; the flavour decides."""

    def __getattr__(self, name: str) -> Any:
        # Only reached for names that are not declared fields: unknown server keys.
        extra = self.__dict__.get("_extra")
        if extra is not None and name in extra:
            return extra[name]
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def _set_server_value(self, key: str, value: Any) -> None:
        """Record a value the server now has (after a rename, an alias change…): stored as
        the server's, so the object stays clean and a later in-place edit is seen."""
        self._values[key] = value
        self._snapshots.pop(key, None)

    def _raw_attr(self, name: str, default: Any = None) -> Any:
        """A field's value without any I/O."""
        value = self._values.get(name, default)
        return default if value is _NOT_LOADED or value is MISSING else value

    # -- server data ---------------------------------------------------------------

    def _apply(self, data: Mapping[str, Any], *, complete: bool, rollback: bool = False) -> None:
        """Take the server's values.

        ``complete`` means ``data`` is the full object: declared fields it lacks become
        ``MISSING``. Local edits survive unless ``rollback``: an assigned value is kept
        whole, an in-place edit of a dict is replayed on the server's new dict (the keys
        set, changed or deleted locally win; the server's other keys are taken).
        """
        if not (self._changed or self._snapshots or self._extra):
            self._take(data, complete)  # nothing local to keep: the fast path
            return
        fields = self._fields
        kept = set() if rollback else self._changed | self._edited_in_place()
        for key, value in data.items():
            if key in fields:
                convert = fields[key].from_server
                if convert is not None:
                    value = convert(value)
                if key not in kept:
                    self._values[key] = value
                    self._snapshots.pop(key, None)
                    continue
                local = self._values.get(key)
                base = self._snapshots.get(key)
                if key not in self._changed and isinstance(local, dict):
                    merged = merge_edits(base, local, value)
                    local.clear()  # in place: references the user holds stay live
                    local.update(merged)
                self._snapshots[key] = clone(value)
            else:
                if key not in self._extra:
                    warn_unknown(type(self), key)
                self._extra[key] = value
        if complete:
            self._loaded = True
            for key, field in fields.items():
                if key not in self._values:
                    convert = field.from_server
                    self._values[key] = MISSING if convert is None else convert(MISSING)
        if rollback:
            self._changed.clear()
            self._snapshots.clear()
            self._set_keys.clear()

    def _take(self, data: Mapping[str, Any], complete: bool) -> None:
        """:meth:`_apply` for an object with no local edit and nothing read yet (every object
        a listing builds): the values are stored as they come, converted where a field says
        so. A listing of 1,000 instances spends its time here."""
        fields = self._fields
        values = self._values
        for key, value in data.items():
            if key in fields:
                values[key] = value
            else:
                warn_unknown(type(self), key)
                self._extra[key] = value
        missing = fields.keys() - values.keys() if complete else set()
        for key in missing:
            values[key] = MISSING
        for key, convert in self._converted:
            if key in data or key in missing:
                values[key] = convert(values[key])
        if complete:
            self._loaded = True

    def _mark_clean(self, sent: Mapping[str, Any] | None = None) -> None:
        """The server now holds what we hold (or ``sent``, what ``marshall()`` gave):
        forget edits, re-snapshot what was handed out."""
        for key, value in (sent or {}).items():
            if value is not self._values.get(key, _NOT_LOADED):
                self._values[key] = value  # a dict completed with the server's keys
        for key in set(self._snapshots) | self._changed:
            if isinstance(self._values.get(key), (dict, list)):
                self._snapshots[key] = clone(self._values[key])
            else:
                self._snapshots.pop(key, None)
        self._changed.clear()
        self._set_keys.clear()

    def _mark_saved(self, sent: Mapping[str, Any]) -> None:
        """The server now holds ``sent``, a save confirmed after the object may have been
        edited again: ``sent`` becomes what the server has; later edits stay edits."""
        now = self.marshall()
        if now == sent:
            self._mark_clean(sent)
            return
        for key, value in sent.items():
            if now.get(key) == value:
                self._changed.discard(key)
                self._set_keys.pop(key, None)
            self._snapshots[key] = clone(value)

    def _server_values(self) -> dict[str, Any]:
        """The writable fields as the server had them when last read or saved (the local
        edits undone): what a fresh read must still show for ``save()`` to go ahead."""
        out: dict[str, Any] = {}
        for key, field in self._fields.items():
            value = self._snapshots.get(key, self._values.get(key, _NOT_LOADED))
            if not field.readonly and value is not _NOT_LOADED and value is not MISSING:
                out[key] = value
        return out

    def _changed_on_server(
        self, data: Mapping[str, Any], known: Mapping[str, Any] | None = None
    ) -> list[str]:
        """The writable fields whose value in ``data`` (a fresh read) differs from the one
        last read or saved (or from ``known``): someone else changed them meanwhile. The
        keys the server manages (``server_keys``: ``volatile.*``, moved by a start or a
        stop) do not count."""
        changed = []
        for key, value in (self._server_values() if known is None else known).items():
            if key not in data:
                continue
            prefixes = self._fields[key].server_keys
            if without_keys(data[key], prefixes) != without_keys(value, prefixes):
                changed.append(self._fields[key].name)
        return sorted(changed)

    def _with_server_keys_of(
        self, body: Mapping[str, Any], data: Mapping[str, Any]
    ) -> dict[str, Any]:
        """``body`` whose server-managed keys (``server_keys``) are those of ``data`` (a
        fresh read), except the ones edited here: never send back a stale ``volatile.*``."""
        known = self._server_values()
        out = dict(body)
        for key, field in self._fields.items():
            mine, theirs = out.get(key), data.get(key)
            if not field.server_keys or not isinstance(mine, dict) or not isinstance(theirs, dict):
                continue
            base = known.get(key)
            base = base if isinstance(base, dict) else {}
            edited = {k for k in {*mine, *base} if mine.get(k) != base.get(k)}
            merged = without_keys(mine, field.server_keys, keep=edited)
            merged.update(
                (k, v)
                for k, v in theirs.items()
                if k.startswith(field.server_keys) and k not in edited
            )
            out[key] = merged
        return out

    def _pending_changes(self, body: Mapping[str, Any]) -> dict[str, Any]:
        """The edited fields of ``body`` (what ``marshall()`` gave), by field name."""
        edited = self._changed | self._edited_in_place()
        return {self._fields[key].name: body[key] for key in body if key in edited}

    def _edited_in_place(self) -> set[str]:
        """The keys of dict/list fields changed in place since they were read."""
        return {k for k, snap in self._snapshots.items() if self._values.get(k) != snap}

    @property
    def dirty(self) -> bool:
        """True if a field was assigned or a dict/list field was edited in place."""
        return bool(self._changed) or bool(self._edited_in_place())

    @property
    def __dirty__(self) -> set[str]:
        """The names of the fields changed since the last sync or save."""
        return {self._fields[k].name for k in self._changed | self._edited_in_place()}

    def marshall(self, skip_readonly: bool = True) -> dict[str, Any]:
        """The fields to send to the server (no I/O: call ``sync()`` first on a sparse object).

        A dict field with ``server_keys`` that was replaced whole gets back the server's
        keys with those prefixes that the new dict does not set.
        """
        out: dict[str, Any] = {}
        for key, field in self._fields.items():
            if skip_readonly and field.readonly:
                continue
            value = self._values.get(key, _NOT_LOADED)
            if value is _NOT_LOADED or value is MISSING:
                continue
            if field.optional and value is None:
                continue
            if field.server_keys and key in self._changed:
                value = keep_server_keys(
                    value,
                    self._snapshots.get(key),
                    field.server_keys,
                    self._set_keys.get(key, set()),
                )
            out[key] = config_strings(value) if key == "config" else value
        return out

    # -- identity, without I/O ------------------------------------------------------

    def _identity_value(self, key: str) -> Any:
        return self._raw_attr(key)

    def _identity_values(self) -> tuple[Any, ...]:
        return tuple(self._identity_value(k) for k in self._identity)

    def _repr_items(self) -> list[tuple[str, Any]]:
        """What ``repr`` shows: the fields that say which object this is, never its config
        (one shape for every model, ``<Instance name='c1' project='default'>``)."""
        return [(k, self._identity_value(k)) for k in self._identity]

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        assert isinstance(other, FieldModel)
        return self._identity_values() == other._identity_values()

    __hash__ = None  # type: ignore[assignment]  # mutable identity (rename): unhashable

    def __iter__(self) -> Iterator[tuple[str, Any]]:
        """``(name, value)`` for each loaded field; never fetches."""
        for key, field in self._fields.items():
            value = self._values.get(key, _NOT_LOADED)
            if value is not _NOT_LOADED:
                yield field.name, None if value is MISSING else value

    def __repr__(self) -> str:
        return object_repr(self, self._repr_items())

"""Fields, dirty tracking and unknown-field warnings, without a server."""

from __future__ import annotations

import warnings
from typing import Any

import pytest

from pylxd._core import fields
from pylxd._core.fields import MISSING, Attribute, FieldModel
from pylxd._core.values import dict_list, merge_patch


class Thing(FieldModel):
    name: Attribute[str] = Attribute(readonly=True)
    config: Attribute[dict[str, Any]] = Attribute()
    profiles: Attribute[list[str]] = Attribute()
    description: Attribute[str] = Attribute()
    project: Attribute[str] = Attribute(optional=True)
    count: Attribute[int] = Attribute(int)
    class_: Attribute[str] = Attribute(readonly=True, key="class")


class Lazy(Thing):
    loads: int = 0

    def _field_not_loaded(self, name: str) -> None:
        type(self).loads += 1
        self._apply({"name": "n", "config": {"a": "1"}}, complete=True)


def server_thing() -> Thing:
    thing = Thing()
    thing._apply(
        {
            "name": "t",
            "config": {"a": "1", "nested": {"x": 1}},
            "profiles": ["default"],
            "description": "d",
            "count": 1,
            "class": "task",
        },
        complete=True,
    )
    return thing


def test_a_fresh_object_is_clean() -> None:
    assert not server_thing().dirty


def test_assignment_makes_dirty() -> None:
    thing = server_thing()
    thing.description = "changed"
    assert thing.dirty
    assert thing.__dirty__ == {"description"}


def test_in_place_edits_make_dirty() -> None:
    thing = server_thing()
    thing.config.update({"b": "2"})
    assert thing.dirty
    assert thing.__dirty__ == {"config"}
    other = server_thing()
    other.config["nested"]["x"] = 2
    assert other.dirty
    third = server_thing()
    third.profiles.append("more")
    assert third.dirty


def test_reading_without_editing_stays_clean() -> None:
    thing = server_thing()
    assert thing.config["a"] == "1"
    assert not thing.dirty


def test_rollback_discards_local_edits() -> None:
    thing = server_thing()
    thing.config["a"] = "edited"
    thing.description = "changed"
    thing._apply(
        {"name": "t", "config": {"a": "1"}, "description": "d"}, complete=True, rollback=True
    )
    assert not thing.dirty
    assert thing.config == {"a": "1"} and thing.description == "d"


def test_sync_keeps_local_assignments_unless_rollback() -> None:
    thing = server_thing()
    thing.description = "mine"
    thing._apply({"description": "server's"}, complete=True)
    assert thing.description == "mine"


def test_sync_keeps_in_place_edits_and_takes_the_servers_other_keys() -> None:
    thing = server_thing()
    config = thing.config
    config["a"] = "mine"
    config["new"] = "added"
    del config["nested"]
    thing.profiles.append("extra")
    server = {"a": "1", "nested": {"x": 1}, "b": "server's new key"}
    thing._apply({"config": server, "profiles": ["default", "p2"]}, complete=True)
    assert thing.config == {"a": "mine", "new": "added", "b": "server's new key"}
    assert thing.config is config  # the user's reference stays live
    assert thing.profiles == ["default", "extra"]  # a list edit is kept whole
    assert thing.dirty and thing.__dirty__ == {"config", "profiles"}
    assert thing.marshall()["config"] == {"a": "mine", "new": "added", "b": "server's new key"}


def test_sync_keeps_an_edit_made_after_assignment_too() -> None:
    thing = server_thing()
    thing.config = {"only": "mine"}
    thing.config["more"] = "x"
    thing._apply({"config": {"a": "server"}}, complete=True)
    assert thing.config == {"only": "mine", "more": "x"}


def test_an_edit_equal_to_the_server_value_is_clean_after_sync() -> None:
    thing = server_thing()
    thing.config["a"] = "2"
    thing._apply({"config": {"a": "2", "nested": {"x": 1}}}, complete=True)
    assert not thing.dirty


def test_mark_clean_still_sees_later_edits_through_old_references() -> None:
    thing = server_thing()
    config = thing.config
    config["a"] = "2"
    thing._mark_clean()
    assert not thing.dirty
    config["a"] = "3"
    assert thing.dirty


def test_marshall_skips_readonly_optional_and_missing() -> None:
    thing = Thing()
    thing._apply({"name": "t", "config": {}, "class": "x"}, complete=True)
    assert thing.marshall() == {"config": {}}
    thing.project = "p"
    assert thing.marshall()["project"] == "p"
    assert thing.marshall(skip_readonly=False)["name"] == "t"


class Managed(FieldModel):
    name: Attribute[str] = Attribute(readonly=True)
    config: Attribute[dict[str, Any]] = Attribute(server_keys=("volatile.",))


def managed() -> Managed:
    thing = Managed()
    server = {"a": "1", "volatile.idmap": "[]", "volatile.uuid": "u"}
    thing._apply({"name": "m", "config": server}, complete=True)
    return thing


def test_replacing_a_dict_keeps_the_servers_managed_keys() -> None:
    thing = managed()
    thing.config = {"b": "2"}
    sent = thing.marshall()
    assert sent["config"] == {"b": "2", "volatile.idmap": "[]", "volatile.uuid": "u"}
    thing._mark_clean(sent)
    assert thing.config == sent["config"] and not thing.dirty


def test_replacing_a_dict_never_read_keeps_them_too() -> None:
    thing = Managed()
    thing._apply({"name": "m", "config": {"volatile.x": "1", "a": "1"}}, complete=True)
    thing.config = {}
    assert thing.marshall()["config"] == {"volatile.x": "1"}


def test_replacing_a_sparse_objects_dict_keeps_the_keys_after_the_fetch() -> None:
    thing = Managed(name="m")
    thing.config = {"b": "2"}
    thing._apply({"name": "m", "config": {"volatile.x": "1", "a": "1"}}, complete=True)
    assert thing.config == {"b": "2"}
    assert thing.marshall()["config"] == {"b": "2", "volatile.x": "1"}


def test_managed_keys_set_or_removed_explicitly_win() -> None:
    thing = managed()
    thing.config = {"volatile.uuid": "mine", "volatile.idmap": "[]"}
    del thing.config["volatile.idmap"]  # set in the new dict, then deleted: explicit
    assert thing.marshall()["config"] == {"volatile.uuid": "mine"}
    in_place = managed()
    del in_place.config["volatile.uuid"]
    assert in_place.marshall()["config"] == {"a": "1", "volatile.idmap": "[]"}


def test_rollback_forgets_a_replaced_dict() -> None:
    thing = managed()
    thing.config = {}
    thing._apply({"name": "m", "config": {"a": "1"}}, complete=True, rollback=True)
    assert thing.config == {"a": "1"} and not thing.dirty


def test_missing_fields_read_as_none() -> None:
    thing = Thing()
    thing._apply({"name": "t"}, complete=True)
    assert thing.description is None
    assert thing._values["description"] is MISSING


def test_validator_coerces() -> None:
    thing = server_thing()
    thing.count = "5"  # type: ignore[assignment]
    assert thing.count == 5


def test_server_key_that_is_a_keyword() -> None:
    assert server_thing().class_ == "task"


def test_unknown_fields_are_kept_and_warned_once(monkeypatch) -> None:
    monkeypatch.delenv("PYLXD_WARNINGS", raising=False)
    monkeypatch.setattr(fields, "_seen_warnings", set())
    with pytest.warns(UserWarning, match='unknown attribute "brand_new" on instance of "Thing"'):
        Thing(brand_new=1)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        second = Thing(brand_new=2)
    assert second.brand_new == 2


def test_pylxd_warnings_none_and_always(monkeypatch) -> None:
    monkeypatch.setattr(fields, "_seen_warnings", set())
    monkeypatch.setenv("PYLXD_WARNINGS", "none")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        Thing(other=1)
    monkeypatch.setenv("PYLXD_WARNINGS", "always")
    for _ in range(2):
        with pytest.warns(UserWarning):
            Thing(other=1)


def test_unknown_attribute_error_for_names_never_seen() -> None:
    with pytest.raises(AttributeError):
        _ = server_thing().not_a_field


def test_repr_eq_and_iteration_never_load() -> None:
    Lazy.loads = 0
    a, b = Lazy(name="n"), Lazy(name="n")
    assert a == b and a != Lazy(name="m")
    assert "n" in repr(a)
    assert dict(a) == {"name": "n"}
    assert Lazy.loads == 0
    with pytest.raises(TypeError):
        hash(a)


def test_reading_an_unloaded_field_asks_the_flavour_once() -> None:
    Lazy.loads = 0
    thing = Lazy(name="n")
    assert thing.config == {"a": "1"}
    assert thing.description is None  # absent after the load: no second load
    assert Lazy.loads == 1


# -- list and patch helpers (network ACL rules, DNS entries, LXD's PATCH done client-side) --


def test_dict_list_copies_and_refuses_a_single_dict() -> None:
    rules = ({"action": "allow"},)
    made = dict_list(rules, "ingress")
    assert made == [{"action": "allow"}] and made[0] is not rules[0]
    assert dict_list(None, "ingress") is None
    for wrong in ({"action": "allow"}, "allow"):
        with pytest.raises(TypeError, match="ingress must be a list of dicts"):
            dict_list(wrong, "ingress")  # type: ignore[arg-type]


def test_merge_patch_merges_config_and_replaces_the_rest() -> None:
    current = {
        "name": "acl1",
        "description": "old",
        "ingress": [{"action": "allow"}],
        "config": {"user.a": "1"},
        "used_by": [],
    }
    writable = ["description", "ingress", "egress", "config"]
    assert merge_patch(current, {"description": "new"}, writable) == {
        "description": "new",
        "ingress": [{"action": "allow"}],
        "config": {"user.a": "1"},
    }
    merged = merge_patch(current, {"config": {"user.b": "2"}, "ingress": []}, writable)
    assert merged["config"] == {"user.a": "1", "user.b": "2"} and merged["ingress"] == []
    merged["ingress"].append("x")
    assert current["ingress"] == [{"action": "allow"}]  # never shares the caller's data


# -- what save() compares and sends when it has no ETag --------------------------------


class Volatile(FieldModel):
    name: Attribute[str] = Attribute(readonly=True)
    description: Attribute[str] = Attribute()
    config: Attribute[dict[str, str]] = Attribute(server_keys=("volatile.",))


def volatile_thing() -> Volatile:
    thing = Volatile()
    thing._apply(
        {"name": "v", "description": "d", "config": {"a": "1", "volatile.x": "old"}},
        complete=True,
    )
    return thing


def test_a_fresh_read_is_compared_with_what_was_read_not_with_the_edits() -> None:
    thing = volatile_thing()
    thing.description = "mine"  # an assigned scalar: what was read is kept to compare
    thing.config["a"] = "2"
    same = {"name": "v", "description": "d", "config": {"a": "1", "volatile.x": "old"}}
    assert thing._changed_on_server(same) == []
    theirs = {**same, "description": "theirs"}
    assert thing._changed_on_server(theirs) == ["description"]
    assert thing._changed_on_server({**same, "config": {"a": "9", "volatile.x": "old"}}) == [
        "config"
    ]


def test_the_server_moving_its_own_keys_is_no_change_and_they_are_sent_fresh() -> None:
    thing = volatile_thing()
    thing.config["a"] = "2"
    fresh = {"name": "v", "description": "d", "config": {"a": "1", "volatile.x": "new"}}
    assert thing._changed_on_server(fresh) == []
    body = thing._with_server_keys_of(thing.marshall(), fresh)
    assert body["config"] == {"a": "2", "volatile.x": "new"}  # never the stale value


def test_a_server_key_edited_here_is_sent_as_edited() -> None:
    thing = volatile_thing()
    thing.config["volatile.x"] = "mine"
    fresh = {"config": {"a": "1", "volatile.x": "new"}}
    assert thing._with_server_keys_of(thing.marshall(), fresh)["config"]["volatile.x"] == "mine"


def test_a_save_confirmed_late_keeps_the_edits_made_since() -> None:
    thing = volatile_thing()
    thing.description = "saved"
    sent = thing.marshall()
    thing.config["a"] = "edited after the save"
    thing._mark_saved(sent)
    assert thing.__dirty__ == {"config"}  # the description is saved, the config edit is not
    assert thing._server_values()["description"] == "saved"
    assert thing._pending_changes(thing.marshall()) == {
        "config": {"a": "edited after the save", "volatile.x": "old"}
    }

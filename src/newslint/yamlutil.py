"""Safe YAML loading that keeps line numbers for error messages."""

from __future__ import annotations

import hashlib
import importlib.util
import marshal
import os
import sys
import tempfile
from functools import lru_cache
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from .cachefiles import prune_cache, touch_in_use
from .errors import NewslintError

if TYPE_CHECKING:
    import yaml
else:
    def _lazy_module(name: str) -> ModuleType:
        """The module, imported when one of its attributes is first used (importlib's LazyLoader):
        a warm start-up reads every rule and dictionary from the cache and never needs PyYAML."""
        found = sys.modules.get(name)
        if found is not None:
            return found
        spec = importlib.util.find_spec(name)
        if spec is None or spec.loader is None:
            raise ImportError(f"No module named {name!r}")
        loader = importlib.util.LazyLoader(spec.loader)
        spec.loader = loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        loader.exec_module(module)
        return module

    yaml = _lazy_module("yaml")

MAX_YAML_BYTES = 64 * 1024 * 1024
MAX_ALIASES = 1000
MAX_ALIAS_EXPANSION = 100_000
MAX_DEPTH = 100
"""Deepest nesting of lists and mappings (PyYAML's scanner slows down with the square of the depth)."""
"""Nodes that aliases may add when expanded (anchors re-used inside anchors: a "billion laughs")."""


@lru_cache(maxsize=1)
def _loader() -> Any:
    """The safe loader, in C (libyaml) when PyYAML has it: the same SafeConstructor, about five times
    faster on the curated dictionaries (a cold start parses about 1 MB of YAML)."""
    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _safe_load(text: str) -> Any:
    """yaml.safe_load with the C safe loader when available."""
    loader = _loader()(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


class LocatedYaml:
    """A parsed YAML document plus a way to find the line of any key path.

    The node tree (for line numbers) is only built when an error needs a line.
    """

    def __init__(self, data: Any, text: str | None) -> None:
        self.data = data
        self._text = text
        self._root: yaml.Node | None = None
        self._keys: dict[int, dict[str, tuple[yaml.Node, int]]] = {}  # mapping node -> key -> (value, line)

    def line_of(self, *path: str | int) -> int | None:
        """1-based line of the node at `path` (keys and list indexes), or the closest parent."""
        if self._root is None and self._text is not None:
            self._root = yaml.compose(self._text, Loader=_loader())
        node = self._root
        line = None if node is None else node.start_mark.line + 1
        for step in path:
            if isinstance(node, yaml.MappingNode) and isinstance(step, str):
                keys = self._keys.get(id(node))
                if keys is None:  # index a mapping's keys once: big tables ask for many lines
                    keys = {}
                    for k, v in node.value:
                        if isinstance(k, yaml.ScalarNode):
                            keys.setdefault(k.value, (v, k.start_mark.line + 1))
                    self._keys[id(node)] = keys
                found = keys.get(step)
                if found is None:
                    return line
                node, line = found
            elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
                node = node.value[step]
                line = node.start_mark.line + 1
            else:
                return line
        return line


def _scan_events(text: str, path: str, error: type[NewslintError]) -> None:
    """Before anything builds or walks the data: refuse more than MAX_ALIASES aliases, aliases that
    expand to more than MAX_ALIAS_EXPANSION nodes (anchors nested in anchors), and a key given twice
    in one mapping (yaml.safe_load would silently keep the last one), nesting deeper than MAX_DEPTH."""
    aliases = 0
    expanded = 0  # nodes added by expanding every alias
    total = 0  # nodes seen so far, counting expansions
    size: dict[str, int] = {}  # anchor -> expanded size of its node
    open_: list[tuple[str | None, int]] = []  # collections being read: (anchor, total at start)
    maps: list[dict[tuple[str, str], int] | None] = []  # per open collection: keys seen (mappings) or None
    expect_key: list[bool] = []
    resolver = yaml.resolver.Resolver()
    for event in yaml.parse(text, Loader=_loader()):
        if isinstance(event, yaml.NodeEvent) and maps and maps[-1] is not None:  # a key or a value of a mapping
            if expect_key[-1] and isinstance(event, yaml.ScalarEvent) and event.start_mark is not None:
                tag = event.tag if event.tag not in (None, "!") else resolver.resolve(yaml.ScalarNode, event.value, event.implicit)
                if tag != "tag:yaml.org,2002:merge":
                    seen = maps[-1]
                    line = event.start_mark.line + 1
                    if (tag, event.value) in seen:
                        raise error(path, f"duplicate key '{event.value}' (first at line {seen[(tag, event.value)]})", line, event.value)
                    seen[(tag, event.value)] = line
            expect_key[-1] = not expect_key[-1]
        if isinstance(event, yaml.AliasEvent):
            aliases += 1
            add = size.get(event.anchor or "", 1)
            expanded += add
            total += add
            if aliases > MAX_ALIASES or expanded > MAX_ALIAS_EXPANSION:
                line = event.start_mark.line + 1 if event.start_mark else None
                what = (f"more than {MAX_ALIASES} YAML aliases" if aliases > MAX_ALIASES
                        else f"YAML aliases expand to more than {MAX_ALIAS_EXPANSION} nodes")
                raise error(path, f"{what} (a YAML bomb?)", line)
        elif isinstance(event, yaml.ScalarEvent):
            total += 1
            if event.anchor:
                size[event.anchor] = 1
        elif isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            total += 1
            open_.append((event.anchor, total))
            if len(open_) > MAX_DEPTH:
                line = event.start_mark.line + 1 if event.start_mark else None
                raise error(path, f"YAML nested more than {MAX_DEPTH} levels deep", line)
            maps.append({} if isinstance(event, yaml.MappingStartEvent) else None)
            expect_key.append(True)
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)) and open_:
            anchor, start = open_.pop()
            maps.pop()
            expect_key.pop()
            if anchor:
                size[anchor] = total - start + 1


def load_yaml(path: Path, error: type[NewslintError]) -> LocatedYaml:
    """Read and parse a YAML file safely; every problem becomes `error` naming file and line."""
    name = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_YAML_BYTES:
            raise error(name, f"file is {size} bytes; the limit is {MAX_YAML_BYTES}")
        raw = path.read_bytes()
    except OSError as exc:
        raise error(name, f"cannot read: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise error(name, f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})", line) from None
    cached = _parse_cache_get(raw)
    if cached is not _MISSING:
        return LocatedYaml(cached, text)
    located = parse_yaml(text, name, error)
    _parse_cache_put(raw, located.data)
    return located


_MISSING = object()


def _parse_cache_file(raw: bytes) -> Path | None:
    from .resources import cache_dir

    directory = cache_dir()
    if directory is None:
        return None
    return directory / "yaml" / (hashlib.sha256(raw).hexdigest()[:32] + ".marshal")


def _parse_cache_get(raw: bytes) -> Any:
    """Parsed data of identical bytes seen before (parsing YAML is the slow part of start-up)."""
    target = _parse_cache_file(raw)
    if target is None:
        return _MISSING
    try:
        data = marshal.loads(target.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return _MISSING
    touch_in_use(target)
    return data


def _parse_cache_put(raw: bytes, data: Any) -> None:
    target = _parse_cache_file(raw)
    if target is None:
        return
    try:
        blob = marshal.dumps(data)  # plain data only; dates etc. are simply not cached
    except ValueError:
        return
    write_cache_file(target, blob)
    prune_cache(target.parent.parent)


def write_cache_file(target: Path, blob: bytes) -> None:
    """Write a cache file atomically; a cache that cannot be written is simply skipped."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
        with os.fdopen(fd, "wb") as fh:
            fh.write(blob)
        os.replace(tmp, target)
    except OSError:
        pass


def parse_yaml(text: str, name: str, error: type[NewslintError]) -> LocatedYaml:
    """Parse YAML text with yaml.safe_load, keeping the node tree for line numbers."""
    try:
        _scan_events(text, name, error)
        data = _safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = exc.problem or exc.context or ""
        if "nesting depth" in problem:  # LibYAML (PyYAML >= 6.0.4) stops at 1,000 levels before our scan does
            raise error(name, f"YAML nested more than {MAX_DEPTH} levels deep", line) from None
        raise error(name, f"invalid YAML: {problem}", line) from None
    except yaml.YAMLError as exc:
        raise error(name, f"invalid YAML: {exc}") from None
    except RecursionError:
        raise error(name, "YAML nested too deeply") from None
    except (ValueError, TypeError, OverflowError) as exc:  # a value the safe constructors reject (2024-13-45)
        raise error(name, f"invalid YAML value: {exc}", _bad_value_line(text)) from None
    return LocatedYaml(data, text)


def _bad_value_line(text: str) -> int | None:
    """Line of the first scalar that the safe constructor cannot build (e.g. an impossible date)."""
    constructor = yaml.constructor.SafeConstructor()
    try:
        for event in yaml.parse(text, Loader=_loader()):
            if isinstance(event, yaml.ScalarEvent) and event.start_mark is not None:
                tag = event.tag
                if tag is None or tag == "!":
                    tag = yaml.resolver.Resolver().resolve(yaml.ScalarNode, event.value, event.implicit)
                node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
                try:
                    constructor.construct_object(node)
                except (ValueError, TypeError, OverflowError):
                    return event.start_mark.line + 1
                except yaml.YAMLError:
                    continue
    except yaml.YAMLError:
        return None
    return None

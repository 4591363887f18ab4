"""Every session-state and widget key is named in ecosites/state.py, never spelled inline."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from ecosites import state
from tests.conftest import REPO

UI_FILES = sorted([*(REPO / "components").rglob("*.py"), *(REPO / "pages").rglob("*.py"),
                   REPO / "streamlit_app.py"])
# Helpers whose first argument is a session-state key (components/context.py, components/staff_review.py).
KEY_HELPERS = frozenset({"changed", "swap_state"})
STATE_METHODS = frozenset({"get", "setdefault", "pop"})


def _is_spelled(node: ast.expr | None) -> bool:
    """A key written out in place: a string literal or an f-string."""
    return isinstance(node, ast.JoinedStr) or (isinstance(node, ast.Constant) and isinstance(node.value, str))


def _call_name(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    return func.attr if isinstance(func, ast.Attribute) else ""


def spelled_keys(source: str) -> list[int]:
    """Line numbers where a key is spelled inline instead of coming from ecosites/state.py."""
    tree = ast.parse(source)
    # Names bound to st.session_state (``s = st.session_state``) count as the session state.
    aliases = {target.id for node in ast.walk(tree) if isinstance(node, ast.Assign)
               and isinstance(node.value, ast.Attribute) and node.value.attr == "session_state"
               for target in node.targets if isinstance(target, ast.Name)}

    def is_state(node: ast.expr) -> bool:
        return (isinstance(node, ast.Attribute) and node.attr == "session_state") or (
            isinstance(node, ast.Name) and node.id in aliases)

    def spells_key(node: ast.AST) -> bool:
        if isinstance(node, ast.Call):
            name, first = _call_name(node.func), node.args[0] if node.args else None
            in_state = (name in STATE_METHODS and isinstance(node.func, ast.Attribute)
                        and is_state(node.func.value))
            # st.form's first argument is its key, like the key helpers' and the state methods'.
            return any(k.arg == "key" and _is_spelled(k.value) for k in node.keywords) or (
                (in_state or name in KEY_HELPERS or name == "form") and _is_spelled(first))
        if isinstance(node, ast.Subscript):
            return is_state(node.value) and _is_spelled(node.slice)
        if isinstance(node, ast.Compare):
            return (_is_spelled(node.left) and any(isinstance(op, ast.In | ast.NotIn) for op in node.ops)
                    and any(is_state(c) for c in node.comparators))
        return False

    lines = [node.lineno for node in ast.walk(tree) if isinstance(node, ast.expr) and spells_key(node)]
    return sorted(lines)


@pytest.mark.parametrize(("source", "expected"), [
    ('st.button("Go", key="explore.go")', [1]),
    ('st.button("Go", key=f"explore.{name}")', [1]),
    ('st.session_state["lang"] = "en"', [1]),
    ('x = st.session_state.get("lang")', [1]),
    ('st.session_state.setdefault("lang", "en")', [1]),
    ('st.session_state.pop(f"{key}.x", None)', [1]),
    ('s = st.session_state\nx = s["lang"]', [2]),
    ('if "lang" in st.session_state: pass', [1]),
    ('changed("plan.last_click", value)', [1]),
    ('swap_state(f"staff.{x}", value)', [1]),
    ('with st.form("staff.edit"): pass', [1]),
    ('st.button("Go", key=state.EXPLORE_GO)', []),
    ('st.button("Go", key=state.sub_key(key, "close"))', []),
    ('st.session_state[state.LANG] = "en"', []),
    ('x = st.session_state.get(state.LANG, "en")', []),
    ('x = event.get("last_clicked")', []),
    ('x = query["plan"]', []),
    ('changed(state.LAST_ROW, "a")', []),
    ('if "en" in LANGS: pass', []),
])
def test_the_scan_finds_spelled_keys(source: str, expected: list[int]) -> None:
    """The scan flags what it should and nothing else, so a clean result below means something."""
    assert spelled_keys(source) == expected


@pytest.mark.parametrize("path", UI_FILES, ids=lambda p: str(p.relative_to(REPO)))
def test_keys_come_from_the_state_module(path: Path) -> None:
    """Guards against keys spread over components and pages, where one key can silently differ."""
    lines = spelled_keys(path.read_text(encoding="utf-8"))
    assert lines == [], f"{path.name}: use a key from ecosites/state.py"


def test_state_keys_are_distinct() -> None:
    """Two names for one key would make two widgets share their value."""
    keys = [value for name, value in vars(state).items() if name.isupper() and isinstance(value, str)]
    assert len(keys) == len(set(keys))

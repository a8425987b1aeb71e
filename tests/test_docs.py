"""The README tells the truth about the link grammar and the configuration: every URL parameter and every
config key is documented, and every example link opens without a notice."""

import re
from urllib.parse import parse_qsl, urlsplit

import pytest

from stances import registry, urlstate
from stances.settings import Settings

from .apptest import open_page
from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
PARAMETERS = sorted({v for k, v in vars(urlstate).items() if k.isupper() and isinstance(v, str)})
EXAMPLES = re.findall(r"^- `(/[a-z]*\?[^`]+)`", README, re.MULTILINE)


@pytest.mark.parametrize("name", PARAMETERS)
def test_every_url_parameter_is_in_the_readme(name):
    assert re.search(rf"`{re.escape(name)}`", README), f"URL parameter {name} is not in the README"


def test_every_url_parameter_has_a_label_so_the_hostile_link_sweep_covers_it():
    assert set(PARAMETERS) == set(urlstate.LABELS)


@pytest.mark.parametrize("key", sorted(Settings.model_fields))
def test_every_config_key_is_in_the_readme(key):
    assert f"`{key}`" in README, f"config key {key} is not in the README"


def test_the_readme_has_example_links():
    assert len(EXAMPLES) >= 8


@pytest.mark.usefixtures("bundled_today")
@pytest.mark.parametrize("link", EXAMPLES)
def test_every_readme_example_link_opens_without_a_notice(link):
    path, query = urlsplit(link).path.strip("/"), urlsplit(link).query
    name = next(p.name for p in registry.PAGES if p.url_path == path)
    params: dict[str, list[str] | str] = {}
    for key, value in parse_qsl(query):
        params.setdefault(key, []).append(value)
    at = open_page(name, {k: v if len(v) > 1 else v[0] for k, v in params.items()})
    assert not at.exception, [e.value for e in at.exception]
    notices = [w.value for w in [*at.sidebar.warning, *at.main.warning] if w.icon == "⚠️"]  # display.notice
    assert not notices, (link, notices)

"""One page registry: every page file is registered, every entry has its file, and the navigation
workaround (stances/ui/frame.py) still finds what it relies on in Streamlit."""

from stances import registry

from .conftest import ROOT


def test_every_page_file_is_registered_and_every_entry_has_its_file():
    files = {p.stem for p in (ROOT / "pages").glob("*.py")}
    assert files == set(registry.NAMES)
    assert len(set(registry.NAMES)) == len(registry.PAGES)
    assert [p.url_path for p in registry.PAGES].count("") == 1, "exactly one default page"


def test_the_navigation_workaround_still_finds_what_it_relies_on():
    """The pages live in pages/ (the owner's layout) but are registered with st.navigation. Streamlit
    then starts in its older multipage mode; the frame switches it off through this class attribute.
    If an upgrade renames or removes it, this fails here instead of every deep link failing."""
    from streamlit.runtime.pages_manager import PagesManager

    assert isinstance(getattr(PagesManager, "uses_pages_directory", None), (bool, type(None)))
    import stances.ui.frame  # noqa: F401  (sets it on import)

    assert PagesManager.uses_pages_directory is False

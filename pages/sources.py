import streamlit as st

from stances import freshness, methodology, urlstate, views
from stances.ui import context, display, filters, frame
from stances.ui import revisions as ui_revisions

ctx = frame.page()
data = ctx.data
st.title("Sources & data")
st.caption(
    "The register of every source the records cite, the validation report, how to cite the dataset, "
    "and how stances are coded on each issue's scale."
)

st.subheader("Source register")
frame = ctx.tables.sources
types = sorted(frame["type"].unique())
chosen = filters.multiselect(
    "Source types", {t: t for t in types}, urlstate.SOURCE_TYPE, placeholder="All types"
)
shown = ctx.view(views.source_register, chosen)
display.table(
    shown,
    {
        "published": "Published",
        "url": display.LINK("Link", display_text="open"),
        "title": st.column_config.TextColumn("Title", width="large"),
        "publisher": "Publisher",
        "type": "Type",
        "seen": st.column_config.TextColumn(
            "How seen", help="The page itself, or only through a relay that quotes it (named)"
        ),
        "title_is": st.column_config.TextColumn(
            "Title", help="As published on the page, or the curators' description, or not yet checked"
        ),
        "thin": st.column_config.CheckboxColumn(
            "◌ Thin", help="An aggregator, state media, or a source known only through a relay"
        ),
        "cited_by": st.column_config.NumberColumn("Cited by", help="Records citing this source"),
        "language": "Lang.",
        "note": st.column_config.TextColumn("Note", width="medium"),
    },
)
display.downloads(ctx, shown, "sources")

st.subheader("Validation report")
broken = st.session_state.get(context.BROKEN)
if broken is not None:
    st.error(
        f"A newer edit of the data does not validate: {len(broken.problems)} problem(s). Readers see the "
        "last version that validated until it is fixed.",
        icon="🛑",
    )
    st.code("\n".join(str(p) for p in broken.problems), language=None, wrap_lines=True)
sentence, contested = methodology.validation_summary(data)
st.success(sentence, icon="✅")
if data.warnings:
    with st.expander(f"{len(data.warnings)} warning(s) for curators: text the pages show cleaned"):
        st.code("\n".join(str(w) for w in data.warnings), language=None, wrap_lines=True)
st.caption("Sources by type: " + ", ".join(f"{t} {n}" for t, n in frame["type"].value_counts().items()))
counts = ctx.view(views.source_strength, ctx.filters)
st.caption(
    f"How sources were seen: {counts['seen']} pages seen, {counts['relayed']} known only through a relay; "
    f"{counts['thin']} are thin (aggregators, state media or relays). Titles: {counts['title published']} as "
    f"published, {counts['title described']} the curators' description, {counts['title not checked']} not "
    "yet checked."
)
st.caption(
    f"Stances of the sides in view on {ctx.as_of}: {counts['stances']} set or withdrawn a level; "
    f"{counts['primary stances']} rest on a primary text, {counts['reported stances']} on wire, newspaper or "
    f"broadcaster copy, {counts['thin stances']} only on aggregators, state media or relays (◌)."
)
st.caption(f"{contested} records are marked contested, each version with its own sources.")

st.subheader("What the data covers, and what changed")
d = data.dataset
st.markdown(display.md(d.coverage) if d.coverage else f"Current to {d.as_of}.")
for change in d.changelog:
    label = f"Version {display.md(change.version)} — {display.md(change.date)}"
    with st.expander(label, expanded=change.version == d.version):
        st.markdown("\n".join(f"- {display.md(item)}" for item in change.summary))

st.subheader("Revisions between versions", anchor="revisions")
ui_revisions.section(ctx)

st.subheader("How to cite")
st.code(methodology.citation(data), language=None, wrap_lines=True)
accessed = freshness.today()
st.caption(f"APA (accessed {accessed}):")
st.code(methodology.citation_apa(data, accessed, st.context.url or ""), language=None, wrap_lines=True)
st.caption("BibTeX:")
st.code(methodology.citation_bibtex(data, accessed, st.context.url or ""), language="bibtex")
st.caption(
    "Cite the underlying sources for any single claim: every exported row carries their titles and URLs."
)

for title, body in methodology.sections().items():
    st.subheader(title)
    st.markdown(body)
    if title == "How stances are coded":
        display.table(
            ctx.tables.issues,
            {
                "title": "Issue",
                "category": "Category",
                "question": st.column_config.TextColumn("Question", width="medium"),
                "scale": st.column_config.TextColumn("Scale (low → high)", width="large"),
            },
        )

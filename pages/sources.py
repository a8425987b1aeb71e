import streamlit as st

from stances import urlstate
from stances.ui import filters, frame, render

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
shown = frame[frame["type"].isin(chosen)] if chosen else frame
render.table(
    shown.sort_values("published", ascending=False),
    {
        "published": "Published",
        "url": render.LINK("Link", display_text="open"),
        "title": st.column_config.TextColumn("Title", width="large"),
        "publisher": "Publisher",
        "type": "Type",
        "cited_by": st.column_config.NumberColumn("Cited by", help="Records citing this source"),
        "language": "Lang.",
        "note": st.column_config.TextColumn("Note", width="medium"),
    },
)
render.downloads(ctx, shown, "sources")

st.subheader("Validation report")
counts = data.counts()
st.success(
    f"All {sum(counts.values())} records passed validation: "
    + ", ".join(f"{n} {k}" for k, n in counts.items())
    + ". Every reference resolves and every record cites at least one source.",
    icon="✅",
)
by_type = frame["type"].value_counts()
st.caption("Sources by type: " + ", ".join(f"{t} {n}" for t, n in by_type.items()))
contested = sum(p.contested is not None for p in data.positions.values())
contested += sum(x.contested is not None for x in data.figures.values())
contested += sum(e.contested is not None for e in data.events.values())
st.caption(f"{contested} records are marked contested, each version with its own sources.")

st.subheader("How to cite")
d = data.dataset
st.code(
    f"{d.title}. Version {d.version}, data current to {d.as_of}. Licence: {d.licence}.",
    language=None,
    wrap_lines=True,
)
st.caption(
    "Cite the underlying sources for any single claim: every exported row carries their titles and URLs."
)

st.subheader("How stances are coded")
st.markdown(
    "Each issue has a neutral question and an ordered scale of levels. A position's stance is the level "
    "its source supports; where no level fits, the position is recorded without a stance and the cell "
    "says *not coded*. Levels are ordered, not evenly spaced: a gap of 0.5 means the sides stand half "
    "the scale apart, not that they are 'half-way' to agreement in any measurable sense."
)
render.table(
    ctx.tables.issues,
    {
        "title": "Issue",
        "category": "Category",
        "question": st.column_config.TextColumn("Question", width="medium"),
        "scale": st.column_config.TextColumn("Scale (low → high)", width="large"),
    },
)

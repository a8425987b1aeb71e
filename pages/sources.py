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

st.subheader("Methodology: distances and their limits")
st.markdown(
    """
- **Scales.** Each issue's levels are ordered from one end of the debate to the other (the order is
  given in the table above). The level numbers rank positions; they do not measure them.
- **Distance on one issue.** For two sides with coded stances *a* and *b* on an issue whose scale runs
  from *min* to *max*: |*a* − *b*| / (*max* − *min*). 0 = the same level, 1 = opposite ends. Where
  either side has no coded stance, the distance is undefined and left out, never counted as 0.
- **Distance between two sides.** The mean of the per-issue distances over the issues both sides
  have a coded stance on, each weighted 1 unless the reader sets weights (the `weights` link
  parameter; 0 leaves an issue out). The number of issues behind each average is shown: an average
  over two issues says little.
- **Over time.** At each month end, each side's latest coded stance on each issue is carried forward;
  a later statement replaces an earlier one even if it is vaguer.
- **Numeric gaps.** For a metric, the latest proposal of each proposer (a side, or a side within a
  plan text) is compared with every other in the same unit: the gap, and the gap as a share of the
  larger value. Actual values (e.g. current army strength) are context, not proposals.
- **Limits.** Levels are not evenly spaced, so averages of distances are a summary, not a
  measurement. Coding a stance is a judgement made from the cited source; the summary and quote
  beside every cell let a reader check it. Positions are what sides said in public, not what they
  would accept in private. Missing stances are common for NATO and the EU, whose statements cover few
  issues.
"""
)

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

st.subheader("What the data covers, and what changed")
st.markdown(render.md(d.coverage) if (d := data.dataset).coverage else f"Current to {d.as_of}.")
for change in d.changelog:
    with st.expander(f"Version {change.version} — {change.date}", expanded=change.version == d.version):
        st.markdown("\n".join(f"- {render.md(item)}" for item in change.summary))

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

st.subheader("How a side's stance is determined")
st.markdown(
    """
Every page (matrix, compare, overview, how far apart, timeline, exports) asks one stance engine the
same question: *what is this side's stance on this issue on this date, and on what evidence?*

- **The evidence** is the side's dated positions (a person's words count for the side they speak
  for) and the coded points of every plan text the side **wrote, co-wrote or endorsed**, from the
  text's date or the date of the endorsement. A point the co-authors disagreed on counts only for the
  sides recorded as holding it.
- **The stance** is the side's latest record that sets a level on the issue's scale, on or before the
  date. On the same day, the side's own position wins over a plan point. A **newer statement without a
  level** does not blank the cell: it is counted and listed as evidence under the stance, and the
  stance's history marks earlier levels as superseded.
- **Coding.** A record gets a level only when its source supports one; otherwise it is recorded
  without a level. Where the level is not plain from the quote, a one-sentence note says why; hovers
  and detail tables show the level's definition beside it. Reports that disagree are kept as
  contested versions, each with its own sources.
- **Ceasefire.** The ceasefire issue measures a side's position on *sequencing* (ceasefire only after
  a settlement, with the agreement, partial truces first, or an immediate ceasefire, then talks). A
  time-limited pause (a holiday truce, an energy-strike pause, a three-day ceasefire) is recorded on
  the issue without a level, because it does not change that position; partial truces count as a
  level only when a side presents them as the first step of its sequencing.
- **The European Union** is the EU institutions: European Council and Council conclusions, the
  Commission, and the High Representative. Statements co-signed by the presidents of the European
  Council and of the Commission count for the EU; statements of member states count for those states.
- **Contesting a coding.** Every stance shows its source, summary, quote and reason. To dispute one,
  open an issue in the project's repository naming the record (side, issue, date) and the source that
  supports another level; codings change only with a cited source, and each release's changelog says
  what changed.
"""
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
- **Over time.** At each month end, each side's stance from the engine above is carried forward; a
  later coded record replaces an earlier one even if it is vaguer.
- **Numeric gaps.** For a metric, the latest proposal of each proposer (a side, or a side within a
  plan text) is compared with every other in the same unit: the gap, and the gap as a share of the
  larger value. Actual values (e.g. current army strength) are context, not proposals.
- **Limits.** Levels are not evenly spaced, so averages of distances are a summary, not a
  measurement. Coding a stance is a judgement made from the cited source; the summary and quote
  beside every cell let a reader check it. Positions are what sides said in public, not what they
  would accept in private. NATO and the EU speak to fewer issues than the parties; an empty cell
  means no statement on record, never a guess.
"""
)

st.subheader("The settlement explorer: what its distances mean, and what they do not")
st.markdown(
    """
- **A package** sets one level of each issue's scale, or leaves the issue open. A side's **distance** to
  it is the weighted mean of |*package level* − *the side's stance*| / (*max* − *min*) over the issues the
  package sets and the side has a coded stance on, with each side's stance taken from the stance engine
  at the as-of date. 0 = the package is the side's own stances; 1 = the opposite end on every issue.
- **Ordinal, not cardinal.** The levels rank positions; they are not evenly spaced. A distance of 0.2 is
  not "twice as acceptable" as 0.4, and the same number on two issues need not weigh the same for a side.
- **Weights** are the reader's, not the sides': they say how much each issue counts in the average (the
  `weights` link parameter; 0 leaves an issue out). Different weights give different closest packages.
- **Red lines** are the levels a side's own recorded position says it rejects (`rejects` in the data),
  from its latest such position on or before the as-of date; a red line lapses when the side's later
  stance is one of the levels it had rejected. They are what was said in public, with their sources, not
  a judgement of what a side would accept in private, and a side with no red line on record may still
  have one.
- **The closest package** minimises the largest distance over the chosen sides and crosses none of their
  red lines (ties: the smallest total distance, then the lowest levels). A red line **binds** when the
  closest package without red lines would cross it; when no package avoids every red line, the page
  names the smallest set that would have to give way and the closest package with exactly those relaxed.
- **Not a forecast.** The closest package is a summary of the public record under these assumptions. It
  does not predict an agreement, say what is fair, or weigh issues the dataset does not code.
"""
)

"""Hypothesis strategies shared by the property tests.

Valid numbers are built from their parts with :func:`xueji.make_resident_id`, never by
filtering random text: region codes are sampled from GB/T 2260 (``KNOWN_CODES``), the three
residence-permit codes and the ``9PPNNN`` codes of the foreigner's permanent residence card
(known province, ISO 3166-1 numeric nationality).
"""

from __future__ import annotations

import datetime

from hypothesis import strategies as st

from xueji import ResidentID, make_resident_id
from xueji._regions import KNOWN_CODES, KNOWN_PROVINCES, known_countries
from xueji.resident_id import EARLIEST_BIRTH_DATE

#: The reference date of peers.md's survey; generated birth dates never pass it.
AS_OF = datetime.date(2026, 11, 28)

PERMIT_CODES = ("810000", "820000", "830000")

mainland_codes = st.sampled_from(sorted(KNOWN_CODES))
permit_codes = st.sampled_from(PERMIT_CODES)
foreign_codes = st.builds(
    "9{}{}".format,
    st.sampled_from(sorted(KNOWN_PROVINCES)),
    st.sampled_from(sorted(known_countries())),
)
region_codes = st.one_of(mainland_codes, permit_codes, foreign_codes)
birth_dates = st.dates(min_value=EARLIEST_BIRTH_DATE, max_value=AS_OF)
sequences = st.integers(min_value=0, max_value=999)

resident_ids: st.SearchStrategy[ResidentID] = st.builds(
    make_resident_id, region_code=region_codes, birth_date=birth_dates, sequence=sequences
)

"""Trace every claim about one event back to the exact words of its Arabic source.

    python examples/evidence_trail.py [EVENT-ID]
"""

import sys

import kg

timeline = kg.load_timeline()
event = timeline.events[sys.argv[1] if len(sys.argv) > 1 else "stamos-leaves-facebook"]
source = timeline.sources["article"]

print(f"{event.label()} / {event.label('ar')}")
print(f"time: {event.time.edtf} ({event.time.describe()}); status: {event.status}")
for claim in event.claims:
    claimants = ", ".join(timeline.label_of(who) for who in claim.by)
    print(f"\n{claimants} ({claim.stance}, {claim.date.describe()}{'' if claim.public else ', internal'})")
    for evidence in claim.evidence:
        assert source.text[evidence.start:evidence.end] == evidence.text  # the words are where they say
        print(f"  [{evidence.start}:{evidence.end}] {evidence.text}")
        print(f"  = {evidence.gloss}")

"""Load the bundled Stamos timeline and ask it temporal questions.

    python examples/quickstart.py
"""

import kg

g = kg.load()
print(g)

for question in (
    "who opposed disclosure before April 2017",
    "who held the chief security officer role in 2016",
    "what happened between the warning and the public disclosure",
):
    print()
    print(g.ask(question))

# The same question in SPARQL, with values bound rather than pasted into the query.
rows = g.sparql(
    "SELECT ?who WHERE { ?event sem:eventType ?type ; kg:agent ?who }",
    type="https://w3id.org/kg-timeline/event-type/opposed",
)
print()
print(rows)

"""Questions: finding names, the query index, the question forms and their reader, claims, joint comparisons, answers as text, and the SPARQL of every form."""

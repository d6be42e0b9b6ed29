"""RDF: building the dataset from a timeline, reading RDF files, N-Quads streaming, the portable layout, SPARQL and its result tables, and the RDF of event tables."""

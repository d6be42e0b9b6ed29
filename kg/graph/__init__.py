"""The networkx view questions are answered from: its typed records, built from a timeline or read from RDF, and synthetic graphs and event tables."""

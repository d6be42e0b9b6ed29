"""SPARQL stores and services: the store that answers (rdflib or an in-memory Oxigraph), the SPARQL 1.1 endpoint (kg serve) and one protocol request, remote stores, and queries with a time limit."""

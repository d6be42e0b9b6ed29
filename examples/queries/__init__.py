"""The example SPARQL queries, installed as the ``kg.queries`` package (setup.cfg maps this folder)."""

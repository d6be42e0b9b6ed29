"""The kg ontology, SKOS vocabulary and SHACL shapes (Turtle), installed as ``kg.ontology``."""

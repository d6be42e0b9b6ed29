"""Pictures and exports: the interactive explorer and its layout, the timeline chart, notebook displays, still pictures, and export formats."""

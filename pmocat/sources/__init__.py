"""Reading the catalogue from disk: YAML with positions, directory discovery, git."""

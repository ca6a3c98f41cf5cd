"""yargy grammars shared by the extractors; the only package that imports yargy."""

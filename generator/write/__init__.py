"""write: the document tree → files. Each writer reads the same tree; none knows another."""

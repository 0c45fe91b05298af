"""review: what a reviewer reads besides the document — change reports and validation reports."""

"""build: profile + Jinja templates + Facts → the document tree (tree.py). No arithmetic here.

The entry point is `document.build`. This package file stays empty on purpose: the PDF workers import
`build.tree` before anything else, and must not pay for the templates and models to do so.
"""

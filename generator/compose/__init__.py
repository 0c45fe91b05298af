"""compose: profile + Jinja templates + Facts → the document tree (tree.py). No arithmetic here.

The entry point is `document.compose`. This package file stays light on purpose: writers import
`compose.tree` and must not pay for the templates and models to do so.
"""

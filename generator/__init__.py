"""gongkai — turns a department's budget data into its public disclosure document.

The flow is visible in the package layout: load → compute → validate → compose → write.
"""

__version__ = "0.1.0"

"""Command implementations: thin functions that parse, call the core, render and exit."""

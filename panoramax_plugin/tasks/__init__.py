"""Background work as ``QgsTask``s: they call the core, never widgets."""

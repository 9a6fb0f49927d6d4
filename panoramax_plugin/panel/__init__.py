"""Widgets and dialogs of the plugin."""

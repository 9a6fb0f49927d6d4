"""Browse: the map extent becomes picture and sequence layers (controller, task, widgets)."""

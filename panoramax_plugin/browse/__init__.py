"""Browse: map extent to picture and sequence layers."""

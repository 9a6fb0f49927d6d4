"""Picture viewer: 360° and flat pictures shown in a dock of the plugin."""

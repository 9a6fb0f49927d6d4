"""The Panoramax panel (a dock): the instance picker, its connection check and browsing."""

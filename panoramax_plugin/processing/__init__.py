"""The Panoramax Processing provider and its algorithms (toolbox, models, batch,
``qgis_process``). The algorithms reuse the pure core (search, feature pictures, measures,
upload); this package only turns parameters into core calls and results into outputs."""

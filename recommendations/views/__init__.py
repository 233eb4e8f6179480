"""The pages of reviews and their recommendations, one module per area: imports, the
review page, uptake, advocacy targeting, implementation monitoring."""

"""Check results as an offline HTML report with PNG/SVG charts."""

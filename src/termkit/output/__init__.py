"""Emitters for lint findings, one module per format: text, json, sarif."""

FORMATS = ("text", "json", "sarif")

"""SPARQL answers and text: answer formats, answers read under a deadline and a cap, facts read off query text. Imports vocabulary."""

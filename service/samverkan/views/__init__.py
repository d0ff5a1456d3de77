"""Views architects work with: the responsibility matrix (RACI), the gap dashboard and the EIF scoreboard.

Analysis layer: may import `gaps` and the layers below it, not `network`, `archimate`, `browse` or `reports`.
"""

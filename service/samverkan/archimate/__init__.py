"""ArchiMate: export of the graph as an exchange file or Archi CSV, and import back as a change set.
Imports gaps and below."""

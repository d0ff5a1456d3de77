"""The `samverkan` command line, one module per command group (`main` assembles them). Imports every other layer."""

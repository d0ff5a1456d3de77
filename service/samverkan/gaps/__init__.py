"""The gap catalogue (the governance shapes) and its rows with labels and sources. Imports validation and below."""

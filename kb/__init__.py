"""kb: a search service over what the agencies of the Americas publish on
trafficking in persons and public security."""

__version__ = "0.1.0"

"""digivisio: the responsibility matrix of Finland's education digitalisation vision 2027."""

__version__ = "0.1.0"

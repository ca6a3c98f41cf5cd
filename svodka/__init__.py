"""svodka: Russian-language political and economic news → a structured knowledge base."""

from svodka.article import Article
from svodka.errors import InputError, SvodkaError
from svodka.settings import Settings

__all__ = ["Article", "InputError", "Settings", "SvodkaError"]
__version__ = "0.1.0"

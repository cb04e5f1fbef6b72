"""docextract: Vietnamese administrative and legal documents -> structured JSON.

>>> from docextract import extract
>>> rec = extract("corpora/seeds/ct-hai-duong-cchc-2018.txt")   # doctest: +SKIP
>>> rec.document.type                                             # doctest: +SKIP
'Chỉ thị'
"""
from . import compiled

compiled.install()  # before the first submodule is imported: see docextract/compiled.py

from .errors import DocextractError, UnreadableInput
from .pipeline import extract
from .emit import to_dict, dumps

__version__ = "0.1.0"
__all__ = ["extract", "to_dict", "dumps", "DocextractError", "UnreadableInput", "__version__"]

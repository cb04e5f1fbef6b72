"""Agency recognition: gazetteer (phrases indexed by first word), group phrases and head-noun rules."""
from .recognise import AgencyMention, Recogniser, canonical_name, find_agencies, recogniser

__all__ = ["AgencyMention", "Recogniser", "canonical_name", "find_agencies", "recogniser"]

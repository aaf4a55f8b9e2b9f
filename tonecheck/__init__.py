"""tonecheck: checks a customer-support reply before it is sent.

    from tonecheck import check
    report = check("We don't do refunds. As clearly stated in our policy...", customer="My order is late!!")
    for finding in report.findings:
        print(finding.category, finding.text, finding.suggestions)
"""

from .checker import Checker, check
from .config import CheckerConfig, CheckOptions
from .errors import ConfigError, InputError, LexiconError, TonecheckError, UnknownLanguageError
from .lexicon_loader import SUPPORTED_LANGUAGES
from .models import SCHEMA_VERSION, Finding, LanguageInfo, Notice, Report, RuleInfo, Signals

__version__ = "0.1.0"

__all__ = [
    "SCHEMA_VERSION",
    "SUPPORTED_LANGUAGES",
    "Checker",
    "CheckerConfig",
    "CheckOptions",
    "ConfigError",
    "Finding",
    "InputError",
    "LanguageInfo",
    "LexiconError",
    "Notice",
    "Report",
    "RuleInfo",
    "Signals",
    "TonecheckError",
    "UnknownLanguageError",
    "check",
]

"""Evaluation harness: answer keys, metrics, baselines and reports (``clausewise eval``)."""

from assistant.evaluation.key import AnswerKey, AnswerKeyError, KeyQuestion, load_key
from assistant.evaluation.stats import Ratio, percentile, ratio, wilson

__all__ = [
    "AnswerKey",
    "AnswerKeyError",
    "KeyQuestion",
    "Ratio",
    "load_key",
    "percentile",
    "ratio",
    "wilson",
]

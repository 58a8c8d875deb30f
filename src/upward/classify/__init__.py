"""Socio-economic background, measured the way the Social Mobility Commission recommends.

Pure Python and numpy; never imports Django. Everything here is read from the
packaged data files under ``upward/data/classify``, each citing its source.

Examples
--------
>>> from upward.classify import key_question, background_group, soc2020_major_group
>>> q = key_question()
>>> q.text
'What was the occupation of your main household earner when you were about aged 14?'
>>> [background_group(code).code for code in ("professional", "technical_craft", "other")]
['professional', 'lower', 'not_classified']
>>> soc2020_major_group("2136").number
2
"""

from upward.classify.benchmarks import Benchmark, benchmarks
from upward.classify.groups import (
    NOT_CLASSIFIED,
    BackgroundGroup,
    BackgroundGroupCode,
    answer_nssec_class,
    answer_nssec_classes,
    answer_nssec_collapse,
    background_group,
    background_group_codes,
    background_groups,
)
from upward.classify.nssec import (
    CollapsedClass,
    CollapseSize,
    NsSecClass,
    nssec_class,
    nssec_classes,
    nssec_collapse,
    nssec_collapsed_classes,
)
from upward.classify.questions import (
    KEY_QUESTION_ID,
    PREFER_NOT_TO_SAY,
    Option,
    Question,
    UnknownAnswerError,
    key_question,
    question,
    questions,
)
from upward.classify.soc import (
    SocMajorGroup,
    soc2020_major_group,
    soc2020_major_group_numbers,
    soc2020_major_groups,
)

__all__ = [
    "KEY_QUESTION_ID",
    "NOT_CLASSIFIED",
    "PREFER_NOT_TO_SAY",
    "BackgroundGroup",
    "BackgroundGroupCode",
    "Benchmark",
    "CollapseSize",
    "CollapsedClass",
    "NsSecClass",
    "Option",
    "Question",
    "SocMajorGroup",
    "UnknownAnswerError",
    "answer_nssec_class",
    "answer_nssec_classes",
    "answer_nssec_collapse",
    "background_group",
    "background_group_codes",
    "background_groups",
    "benchmarks",
    "key_question",
    "nssec_class",
    "nssec_classes",
    "nssec_collapse",
    "nssec_collapsed_classes",
    "question",
    "questions",
    "soc2020_major_group",
    "soc2020_major_group_numbers",
    "soc2020_major_groups",
]

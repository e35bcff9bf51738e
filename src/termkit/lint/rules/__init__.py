"""The lint rules, one per module; MODULES is the registry's list (order does not matter)."""

from termkit.lint.rules import (
    admitted_variant,
    deprecated_term,
    fullwidth_punctuation,
    glued_words,
    inconsistent_rendering,
    inconsistent_spelling,
    keyword_abstract_rendering,
    keyword_count,
    keyword_mismatch,
    missing_space,
    missing_term,
    shared_rendering,
    unbalanced_brackets,
    unbalanced_quotes,
    unmatched_target_term,
    untranslated_chinese,
)

MODULES = (
    deprecated_term,
    admitted_variant,
    missing_term,
    unmatched_target_term,
    inconsistent_rendering,
    shared_rendering,
    inconsistent_spelling,
    untranslated_chinese,
    fullwidth_punctuation,
    missing_space,
    glued_words,
    unbalanced_quotes,
    unbalanced_brackets,
    keyword_count,
    keyword_mismatch,
    keyword_abstract_rendering,
)

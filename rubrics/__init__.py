"""What is judged: the rubric model, the TOML library of standard rubrics, and validation. Pure; no I/O beyond
reading rubric files."""

from rubrics.errors import Problem, RubricError, RubricInvalid
from rubrics.load import (
    check_library,
    check_paths,
    content_hash,
    library_dir,
    load_file,
    load_library,
    read_bytes,
)
from rubrics.model import (
    Deduction,
    Item,
    ItemKind,
    Library,
    ModuleRubric,
    MultipleRule,
    OvertimeRule,
    QuestionGroup,
    QuestionType,
    Section,
    SubArea,
    Text,
    TheoryBlueprint,
    TheorySection,
    VetoEffect,
    VetoRule,
)
from rubrics.validate import validate

__all__ = [
    "Deduction",
    "Item",
    "ItemKind",
    "Library",
    "ModuleRubric",
    "MultipleRule",
    "OvertimeRule",
    "Problem",
    "QuestionGroup",
    "QuestionType",
    "RubricError",
    "RubricInvalid",
    "Section",
    "SubArea",
    "Text",
    "TheoryBlueprint",
    "TheorySection",
    "VetoEffect",
    "VetoRule",
    "check_library",
    "check_paths",
    "content_hash",
    "library_dir",
    "load_file",
    "load_library",
    "read_bytes",
    "validate",
]

"""Small helpers shared by the category tests."""

from safehaven.core.detect import analyse


def categories(text: str) -> set[str]:
    """The special categories the engine finds the text reveals about a person."""
    return set(analyse(text).special_categories)

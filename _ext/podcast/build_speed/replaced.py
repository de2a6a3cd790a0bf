"""One of Sphinx's transforms replaced by a subclass of it that does the same
with less work (``smart_quotes``, ``code_blocks``).

Sphinx registers its transforms in lists of classes, and offers no call to
remove one: the subclass takes the original's place in the list.
"""

from __future__ import annotations


def replace_transform(transforms: list[type], original: type, replacement: type) -> None:
    """``original`` replaced by ``replacement`` in ``transforms`` (the registry's
    ``transforms`` or ``post_transforms``), where it is."""
    for index, transform in enumerate(transforms):
        if transform is original:
            transforms[index] = replacement

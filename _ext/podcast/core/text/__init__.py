"""Text as the host writes it: encodings and invisible characters (``encoding``),
times (``times``), web addresses (``urls``), people's names (``names``).
Imports no other package of the core.
"""

"""Pipeline stage 4: the loop structure of a transaction set, parsed by Lark LALR over segment
tokens (docs/architecture.md): structure data -> grammar (``build``), tokens fed by hand with
one-pass error recovery (``parse``), giving a :class:`~edikit.grammar.loops.Loop` tree."""

"""Reading and writing X12 bytes.

Pipeline: decode -> tokenizer -> envelope; back again with serializer and writer.
"""

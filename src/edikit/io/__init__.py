"""Reading and writing X12 bytes: decode -> tokenizer -> envelope, and back with serializer/writer."""

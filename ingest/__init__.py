"""Ingestion: files on disk -> structural blocks -> chunks -> the index.

- loaders/     read PDF, DOCX, HTML, Markdown and TXT into blocks with metadata (one module per format)
- chunking.py  structure-aware, token-sized chunks (pure)
- sources.py   the corpus manifest (title, publisher, date, type)
- pipeline.py  incremental, content-hashed writes to the vector store and keyword index
"""

from assistant.records import Block, DocumentMeta
from ingest.chunking import ChunkSizes, chunk_blocks, chunk_id

META = DocumentMeta(source="corpus/a.txt", title="Titel")


def words(text: str) -> int:
    return len(text.split())


def test_heading_stays_with_its_text():
    chunks = chunk_blocks([Block("heading", "Doel"), Block("paragraph", "Zorg thuis.")], META, words)
    assert [c.text for c in chunks] == ["Doel\nZorg thuis."]
    assert chunks[0].context == "Titel — Doel"


def test_sections_start_new_chunks_once_big_enough():
    blocks = [Block("heading", "A"), Block("paragraph", "een twee drie vier vijf zes."),
              Block("heading", "B"), Block("paragraph", "zeven acht negen tien elf.")]
    chunks = chunk_blocks(blocks, META, words, ChunkSizes(target_tokens=8, max_tokens=10, min_tokens=4))
    assert [c.text for c in chunks] == ["A\neen twee drie vier vijf zes.", "B\nzeven acht negen tien elf."]
    assert [c.heading for c in chunks] == ["A", "B"]


def test_short_sections_packed_together_keep_their_own_headings():
    blocks = [Block("heading", "A", level=1), Block("paragraph", "een twee."), Block("heading", "B", level=2),
              Block("paragraph", "drie vier."), Block("heading", "C", level=2), Block("paragraph", "vijf zes.")]
    [chunk] = chunk_blocks(blocks, META, words, ChunkSizes(target_tokens=50, max_tokens=60, min_tokens=20))
    assert chunk.text == "A\neen twee.\nB\ndrie vier.\nC\nvijf zes."
    assert chunk.heading == "A" and chunk.sections == ((chunk.text.index("B"), "A › B"), (chunk.text.index("C"), "A › C"))
    assert chunk.heading_at(chunk.text.index("drie")) == "A › B" and chunk.heading_at(chunk.text.index("zes")) == "A › C"
    assert chunk.heading_at(0) == "A"


def test_list_is_kept_whole_with_its_introduction():
    blocks = [Block("paragraph", "Aanloop tekst hier staat iets."), Block("paragraph", "Dit zijn de punten:"),
              Block("list_item", "• een punt"), Block("list_item", "• twee punt"), Block("list_item", "• drie punt")]
    chunks = chunk_blocks(blocks, META, words, ChunkSizes(target_tokens=8, max_tokens=12, min_tokens=3))
    assert chunks[-1].text == "Dit zijn de punten:\n• een punt\n• twee punt\n• drie punt"


def test_long_paragraph_is_split_between_sentences_never_inside():
    sentence = "Dit is een zin met precies tien woorden erin, echt."  # 10 words
    chunks = chunk_blocks([Block("paragraph", " ".join([sentence] * 4))], META, words,
                          ChunkSizes(target_tokens=15, max_tokens=20, min_tokens=5))
    assert [c.text for c in chunks] == [f"{sentence}\n{sentence}"] * 2


def test_long_list_continuation_carries_intro_in_context():
    items = [Block("list_item", f"• punt nummer {i} met wat extra woorden") for i in range(6)]
    chunks = chunk_blocks([Block("paragraph", "De punten zijn:"), *items], META, words,
                          ChunkSizes(target_tokens=12, max_tokens=16, min_tokens=4))
    assert len(chunks) > 1
    assert all("• punt" in line for c in chunks[1:] for line in c.text.split("\n"))
    assert chunks[1].context == "Titel — De punten zijn:"


def test_chunk_ids_are_content_hashes():
    assert chunk_id("a", "b", "c") == chunk_id("a", "b", "c")
    assert chunk_id("a", "b", "c") != chunk_id("a", "b", "d")
    first = chunk_blocks([Block("paragraph", "Zorg thuis.")], META, words)[0]
    again = chunk_blocks([Block("paragraph", "Zorg thuis.")], META, words)[0]
    assert first.id == again.id and len(first.id) == 20


def test_long_list_introduction_never_ends_a_chunk():
    # The short paragraph leaves room for the introduction but not for its first item.
    items = [Block("list_item", f"• punt nummer {i} met wat extra woorden erbij") for i in range(5)]
    blocks = [Block("heading", "Kop"), Block("paragraph", "Een korte aanloop."), Block("paragraph", "De punten zijn:"),
              *items]
    chunks = chunk_blocks(blocks, META, words, ChunkSizes(target_tokens=12, max_tokens=14, min_tokens=6))
    assert chunks[0].text == "Kop\nEen korte aanloop."
    assert chunks[1].text.startswith("De punten zijn:\n• punt nummer 0")
    assert not any(c.text.endswith(":") for c in chunks)


def test_tiny_first_chunk_joins_the_next_one_in_order():
    # "Woord0." is too small to stand alone and the next chunk has room for it (found by hypothesis).
    blocks = [Block("paragraph", "Woord0."),
              Block("paragraph", "Woord1 woord2. " + " ".join(f"woord{i}" for i in range(3, 17)).capitalize() + ".")]
    chunks = chunk_blocks(blocks, META, words, ChunkSizes(target_tokens=12, max_tokens=16, min_tokens=5))
    assert " ".join(c.text.replace("\n", " ") for c in chunks) == " ".join(b.text for b in blocks)
    assert chunks[0].text.startswith("Woord0.\n")


def test_the_dense_models_embed_a_chunk_under_its_own_heading_not_the_documents_title():
    # Every chunk of a document shares its title; embedded with it, all of them look alike to a
    # question about the document. The heading (and a list's introduction) stays: it says what the text
    # is about. A window (two sentences) keeps the title: alone, it says too little.
    from assistant.records import Chunk
    from assistant.windows import windows

    under = Chunk("c1", "gids.md", "Gids voor ouders", "Kosten", "Een pas kost tien euro.", "Gids voor ouders — Kosten", 1)
    assert under.embedding_text == "Kosten\nEen pas kost tien euro."
    assert under.search_text.startswith("Gids voor ouders")  # the words still count for BM25 and the signals
    assert [w[1] for w in windows(under)] == ["Gids voor ouders — Kosten\nEen pas kost tien euro."]
    first = Chunk("c0", "gids.md", "Gids voor ouders", "Gids voor ouders", "Welkom.", "Gids voor ouders", 0)
    assert first.embedding_text == "Welkom."

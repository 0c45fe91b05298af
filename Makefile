# gongkai — two commands for a newcomer: `make demo` and `make test`.
# Both set up everything first: Debian packages (fonts, PDF tools) and the .venv.

PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
FONTS   := $(VENV)/share/gongkai/fonts/.reduced
# Debian packages the project needs at run time and in tests.
# libreoffice-writer-nogui / -calc-nogui: the tests open our DOCX, XLSX and CSV in a real office suite
# (Calc also recalculates the input workbook's check formulas).
APT_PKGS := fonts-noto-cjk fonts-arphic-ukai fontconfig poppler-utils \
            libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 libreoffice-writer-nogui \
            libreoffice-calc-nogui
EXAMPLES := $(wildcard data_inputs/*.yaml)

.PHONY: demo test lint bench system-deps venv clean

demo: venv
	@mkdir -p output
	@for f in $(EXAMPLES); do \
	  echo "== $$f"; \
	  $(BIN)/gongkai generate "$$f" -o output || exit $$?; \
	  $(BIN)/gongkai facts "$$f" --format table > "output/$$(basename $$f .yaml).facts.txt" || exit $$?; \
	done

test: venv
	$(BIN)/ruff check generator tests bench
	$(BIN)/mypy
	$(BIN)/pytest

# Speed figures for the README (whole processes, medians); not part of `make test`.
bench: venv
	$(BIN)/python bench/run.py

lint: venv
	$(BIN)/ruff check generator tests bench
	$(BIN)/mypy

venv: system-deps $(STAMP) $(FONTS)

# The PDF's CJK fonts reduced to GB2312, once (about a minute; see generator/write/fonts.py).
$(FONTS): $(STAMP) generator/write/fonts.py
	$(BIN)/python -m generator.write.fonts
	@touch $(FONTS)

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	@touch $(STAMP)

# Installs the Debian packages when they are missing and we are root; otherwise says what to install.
system-deps:
	@missing=""; for p in $(APT_PKGS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	$(PY) -c "import venv, ensurepip" 2>/dev/null || missing="$$missing python3-venv"; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
	  echo "安装系统依赖 / installing system packages:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	else \
	  echo "缺少系统软件包，请以 root 身份运行：sudo apt-get install$$missing"; \
	  echo "Missing Debian packages; as root run: apt-get install$$missing"; exit 1; \
	fi

clean:
	rm -rf $(VENV) output/*

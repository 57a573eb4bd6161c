"""Where the project's files live (the repo is installed editable; paths are repo-relative)."""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = REPO_ROOT / "seeds"
SAMPLE_ARTICLES_DIR = SEEDS_DIR / "articles"
REFERENCE_DIR = SEEDS_DIR / "reference"
RULES_DIR = Path(__file__).resolve().parent / "rules"
DBT_DIR = REPO_ROOT / "dbt"
DASHBOARDS_DIR = REPO_ROOT / "dashboards"
SHARED_DIR = REPO_ROOT.parent / "shared"  # the client's corpus and scorer, when present


def cache_dir() -> Path:
    """Directory for derived data built on first use (the compact gazetteer)."""
    base = os.environ.get("FRONTLINE_CACHE_DIR") or os.environ.get("XDG_CACHE_HOME")
    root = Path(base) if base else Path.home() / ".cache"
    path = root / "frontline" if not os.environ.get("FRONTLINE_CACHE_DIR") else root
    path.mkdir(parents=True, exist_ok=True)
    return path

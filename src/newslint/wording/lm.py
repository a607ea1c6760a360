"""A small causal language model (Llama architecture, e.g. SmolLM2-135M) read from a GGUF file and
run with torch on the CPU. Needs the `deep` extra (torch, gguf, tokenizers).

The GGUF weights are dequantized once (20-60 s) and cached in newslint's cache directory as a torch
file of bfloat16 matrices already laid out for the forward pass, next to a tokenizer.json; later
loads memory-map that file (`torch.load(mmap=True, weights_only=True)`: no code is unpickled, and
the weights are not copied), so a load is mostly the import of torch. The forward pass follows llama.cpp's layout of the GGUF tensors (query and key
weights are stored permuted for rotary embeddings applied to adjacent pairs), so no weight is
rearranged.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import DeepUnavailable

FORMAT = 2  # bump when the cached layout changes
SUPPORTED_ARCHITECTURES = ("llama",)


@dataclass(frozen=True)
class LMConfig:
    """Shape of a Llama-architecture model."""

    layers: int
    dim: int
    heads: int
    kv_heads: int
    ffn: int
    vocab: int
    rope_base: float
    norm_eps: float
    bos: int
    eos: int

    @property
    def head_dim(self) -> int:
        return self.dim // self.heads


def _field(reader: Any, key: str) -> Any:
    field = reader.fields.get(key)
    if field is None:
        raise DeepUnavailable(f"the model file has no '{key}' entry (not a supported GGUF language model)")
    return field.contents()


def _fingerprint(path: Path) -> str:
    st = path.stat()
    h = hashlib.sha256(f"{FORMAT}:{path.resolve()}:{st.st_size}:{st.st_mtime_ns}".encode())
    with open(path, "rb") as fh:  # the header and the tail identify the file cheaply
        h.update(fh.read(1 << 16))
        fh.seek(max(0, st.st_size - (1 << 16)))
        h.update(fh.read(1 << 16))
    return h.hexdigest()[:20]


def convert_gguf(path: Path, out_dir: Path) -> Path:
    """Dequantize a GGUF model into `out_dir`/<fingerprint>/ (weights.pt, config.json,
    tokenizer.json), written atomically; returns that folder."""
    try:
        import gguf
        import numpy as np
        import torch
        from gguf.quants import dequantize
    except ImportError as exc:
        raise DeepUnavailable(f"--deep needs the deep extra ({exc.name} is missing): pip install 'newslint[deep]'") from None
    try:
        reader = gguf.GGUFReader(str(path))
    except (ValueError, OSError, IndexError, KeyError, TypeError) as exc:
        raise DeepUnavailable(f"{path}: not a readable GGUF model file ({type(exc).__name__}: {exc})") from None
    arch = str(_field(reader, "general.architecture"))
    if arch not in SUPPORTED_ARCHITECTURES:
        raise DeepUnavailable(f"{path}: model architecture '{arch}' is not supported (supported: {', '.join(SUPPORTED_ARCHITECTURES)})")
    tokens = list(_field(reader, "tokenizer.ggml.tokens"))
    config = LMConfig(
        layers=int(_field(reader, f"{arch}.block_count")),
        dim=int(_field(reader, f"{arch}.embedding_length")),
        heads=int(_field(reader, f"{arch}.attention.head_count")),
        kv_heads=int(_field(reader, f"{arch}.attention.head_count_kv")),
        ffn=int(_field(reader, f"{arch}.feed_forward_length")),
        vocab=len(tokens),
        rope_base=float(_field(reader, f"{arch}.rope.freq_base")),
        norm_eps=float(_field(reader, f"{arch}.attention.layer_norm_rms_epsilon")),
        bos=int(_field(reader, "tokenizer.ggml.bos_token_id")),
        eos=int(_field(reader, "tokenizer.ggml.eos_token_id")),
    )
    if str(_field(reader, "tokenizer.ggml.model")) != "gpt2":
        raise DeepUnavailable(f"{path}: only byte-level BPE (gpt2-style) tokenizers are supported")
    merges = list(_field(reader, "tokenizer.ggml.merges"))
    arrays: dict[str, Any] = {}
    for tensor in reader.tensors:
        data = dequantize(tensor.data, tensor.tensor_type)
        shape = tuple(int(x) for x in reversed(tensor.shape.tolist()))
        t = torch.from_numpy(np.array(data, dtype=np.float32).reshape(shape)).to(torch.bfloat16)
        if t.dim() == 2 and tensor.name != "token_embd.weight":
            t = t.T.contiguous()  # x @ W with W stored (in, out): no transposed view at run time
        arrays[tensor.name] = t
    if "output.weight" not in arrays:  # tied output matrix, stored once more in the layout it is used in
        arrays["output.weight"] = arrays["token_embd.weight"].T.contiguous()
    needed = ["token_embd.weight", "output_norm.weight"] + [
        f"blk.{i}.{n}.weight" for i in range(config.layers)
        for n in ("attn_norm", "attn_q", "attn_k", "attn_v", "attn_output", "ffn_norm", "ffn_gate", "ffn_up", "ffn_down")]
    missing = [n for n in needed if n not in arrays]
    if missing:
        raise DeepUnavailable(f"{path}: the model file lacks tensor {missing[0]} (corrupt or not a Llama model)")
    target = out_dir / _fingerprint(path)
    out_dir.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=out_dir, prefix=".tmp-"))
    torch.save(arrays, tmp / "weights.pt")
    (tmp / "config.json").write_text(json.dumps(config.__dict__), encoding="utf-8")
    (tmp / "source.txt").write_text(str(path.resolve()), encoding="utf-8")
    (tmp / "tokenizer.json").write_text(_tokenizer_json(tokens, merges), encoding="utf-8")
    import shutil

    try:
        os.replace(tmp, target)
    except OSError:  # another process converted it first
        shutil.rmtree(tmp, ignore_errors=True)
    for old in out_dir.iterdir():  # earlier conversions of the same file (another version or format)
        try:
            if old != target and old.is_dir() and (old / "source.txt").read_text(encoding="utf-8") == str(path.resolve()):
                shutil.rmtree(old, ignore_errors=True)
        except OSError:
            pass
    return target


def _tokenizer_json(tokens: list[str], merges: list[str]) -> str:
    """A `tokenizers` JSON for a byte-level BPE vocabulary (digits split one by one, as SmolLM2's)."""
    return json.dumps({
        "version": "1.0",
        "truncation": None, "padding": None, "added_tokens": [],
        "normalizer": None,
        "pre_tokenizer": {"type": "Sequence", "pretokenizers": [
            {"type": "Digits", "individual_digits": True},
            {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": True}]},
        "post_processor": None,
        "decoder": {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": True},
        "model": {"type": "BPE", "dropout": None, "unk_token": None, "continuing_subword_prefix": None,
                  "end_of_word_suffix": None, "fuse_unk": False, "byte_fallback": False, "ignore_merges": False,
                  "vocab": {t: i for i, t in enumerate(tokens)}, "merges": merges},
    })


class LanguageModel:
    """The frozen model: tokenizer and a forward pass giving hidden states and log-probabilities."""

    def __init__(self, folder: Path, threads: int = 1) -> None:
        try:
            import torch
            from tokenizers import Tokenizer
        except ImportError as exc:
            raise DeepUnavailable(f"--deep needs the deep extra ({exc.name} is missing): pip install 'newslint[deep]'") from None
        self.torch = torch
        if threads > 0:
            torch.set_num_threads(threads)
        try:
            self.config = LMConfig(**json.loads((folder / "config.json").read_text(encoding="utf-8")))
            if not isinstance(self.config.layers, int):
                raise ValueError("bad config")
            self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
            w = torch.load(folder / "weights.pt", mmap=True, weights_only=True, map_location="cpu")
            if not isinstance(w, dict) or "token_embd.weight" not in w:
                raise ValueError("no weights")
        except (OSError, ValueError, KeyError, TypeError, RuntimeError, zipfile.BadZipFile, json.JSONDecodeError, EOFError) as exc:
            raise DeepUnavailable(f"the cached model in {folder} is unreadable ({type(exc).__name__}); delete that folder") from None
        # bfloat16 where the CPU multiplies it natively (AMX), else float32 (a copy)
        amx = bool(getattr(torch.cpu, "_is_amx_tile_supported", lambda: False)())
        self.dtype = torch.bfloat16 if amx else torch.float32
        if self.dtype != torch.bfloat16:
            w = {k: v.to(self.dtype) for k, v in w.items()}
        self.w = w
        self.embed = w["token_embd.weight"]  # (vocab, dim)
        self.out_t = w["output.weight"]  # (dim, vocab)
        c = self.config
        hd = c.head_dim
        inv = 1.0 / (c.rope_base ** (torch.arange(0, hd, 2, dtype=torch.float32) / hd))
        pos = torch.arange(8192, dtype=torch.float32)
        ang = torch.outer(pos, inv)
        self._cos = torch.cos(ang).to(self.dtype)
        self._sin = torch.sin(ang).to(self.dtype)

    def encode(self, text: str) -> tuple[list[int], list[tuple[int, int]]]:
        """Token ids and their character offsets in `text`."""
        enc = self.tokenizer.encode(text, add_special_tokens=False)
        return list(enc.ids), [tuple(o) for o in enc.offsets]  # type: ignore[misc]

    def token_text(self, token: int) -> str:
        return self.tokenizer.decode([token])

    def _norm(self, x: Any, weight: Any) -> Any:
        torch = self.torch
        xf = x.float()
        xf = xf * torch.rsqrt(xf.pow(2).mean(-1, keepdim=True) + self.config.norm_eps)
        return xf.to(self.dtype) * weight

    def _rope(self, x: Any, positions: Any) -> Any:
        # x: (B, heads, T, head_dim), positions: (B, T); rotate adjacent pairs (llama.cpp's
        # "normal" rope on GGUF weights)
        cos = self._cos[positions].unsqueeze(1)
        sin = self._sin[positions].unsqueeze(1)
        x1 = x[..., 0::2]
        x2 = x[..., 1::2]
        out = self.torch.empty_like(x)
        out[..., 0::2] = x1 * cos - x2 * sin
        out[..., 1::2] = x1 * sin + x2 * cos
        return out

    def forward(self, ids: list[list[int]], past: list[tuple[Any, Any]] | None = None,
                want_layers: tuple[int, ...] = (), logits: bool = True,
                past_limit: list[int] | None = None) -> tuple[Any, Any, list[tuple[Any, Any]], dict[int, Any]]:
        """Run the model over a batch of equally long token sequences `ids`, continuing `past`
        (the key/value cache of earlier tokens, batch size 1 or the same). With `past_limit`,
        row b sees only the first past_limit[b] cached tokens and its tokens take the positions
        that follow them (many continuations of one text at different places in one call).
        Returns (log-probabilities (B, T, vocab) float32 or None, final hidden states (B, T, dim)
        float32, the new cache, hidden states (B, T, dim) of the layers asked for)."""
        torch = self.torch
        c = self.config
        w = self.w
        S = 0 if not past else int(past[0][0].shape[2])
        B, T = len(ids), len(ids[0])
        starts = torch.tensor(past_limit if past_limit is not None else [S] * B, dtype=torch.long)
        positions = starts.unsqueeze(1) + torch.arange(T).unsqueeze(0)  # (B, T)
        if int(positions.max()) >= self._cos.shape[0]:
            raise ValueError("text too long for the model's context")
        x = self.embed[torch.tensor(ids, dtype=torch.long)]  # (B, T, dim)
        hd = c.head_dim
        group = c.heads // c.kv_heads
        new_past: list[tuple[Any, Any]] = []
        layers: dict[int, Any] = {}
        with torch.inference_mode():
            own = torch.ones(T, T, dtype=torch.bool).tril()
            if S:
                seen = torch.arange(S).unsqueeze(0) < starts.unsqueeze(1)  # (B, S)
                mask = torch.cat([seen.unsqueeze(1).expand(B, T, S), own.expand(B, T, T)], dim=2).unsqueeze(1)
            else:
                mask = own if T > 1 else None
            for i in range(c.layers):
                p = f"blk.{i}."
                h = self._norm(x, w[p + "attn_norm.weight"])
                q = (h @ w[p + "attn_q.weight"]).view(B, T, c.heads, hd).transpose(1, 2)
                k = (h @ w[p + "attn_k.weight"]).view(B, T, c.kv_heads, hd).transpose(1, 2)
                v = (h @ w[p + "attn_v.weight"]).view(B, T, c.kv_heads, hd).transpose(1, 2)
                q = self._rope(q, positions)
                k = self._rope(k, positions)
                if past:
                    pk, pv = past[i]
                    if pk.shape[0] != B:
                        pk, pv = pk.expand(B, -1, -1, -1), pv.expand(B, -1, -1, -1)
                    k = torch.cat([pk, k], dim=2)
                    v = torch.cat([pv, v], dim=2)
                new_past.append((k, v))
                att = torch.nn.functional.scaled_dot_product_attention(
                    q, k.repeat_interleave(group, dim=1), v.repeat_interleave(group, dim=1), attn_mask=mask)
                x = x + att.transpose(1, 2).reshape(B, T, c.dim) @ w[p + "attn_output.weight"]
                h = self._norm(x, w[p + "ffn_norm.weight"])
                x = x + (torch.nn.functional.silu(h @ w[p + "ffn_gate.weight"]) * (h @ w[p + "ffn_up.weight"])) \
                    @ w[p + "ffn_down.weight"]
                if i in want_layers:
                    layers[i] = x.float()
            hidden = self._norm(x, w["output_norm.weight"])
            logp = torch.log_softmax((hidden @ self.out_t).float(), dim=-1) if logits else None
        return logp, hidden.float(), new_past, layers


def load_language_model(model_path: Path, cache: Path | None, threads: int = 1) -> LanguageModel:
    """The model at `model_path` (a .gguf file), converted once into `cache` (a temporary folder
    when there is no cache directory)."""
    if not model_path.is_file():
        raise DeepUnavailable(f"model file not found: {model_path}")
    base = cache / "models" if cache is not None else Path(tempfile.gettempdir()) / "newslint-models"
    try:
        folder = base / _fingerprint(model_path)
    except OSError as exc:
        raise DeepUnavailable(f"{model_path}: cannot read the model file ({exc.strerror or exc})") from None
    if not (folder / "weights.pt").is_file():
        folder = convert_gguf(model_path, base)
    return LanguageModel(folder, threads=threads)

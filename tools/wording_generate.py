"""Generate news-style English with the Apache-2.0 SmolLM2 model itself (training text for the
replaced-word detector; nothing from any corpus). Writes JSON lines {topic, text} outside the repo.

    nice -n 10 python tools/wording_generate.py --out ~/.cache/newslint-train/generated.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from newslint.resources import cache_dir  # noqa: E402
from newslint.wording.models import default_model_path  # noqa: E402
from newslint.wording.lm import load_language_model  # noqa: E402

SUBJECTS = [
    "a vote in parliament on a new budget", "a prime minister's cabinet reshuffle", "a general election result",
    "a city council's plan for new housing", "a senator announcing she will retire", "talks between two foreign ministers",
    "a government scandal over leaked documents", "a new immigration law", "a regional election", "a referendum on independence",
    "an opposition party choosing a new leader", "a president's state visit abroad", "a row over public spending cuts",
    "a strike by nurses over pay", "a central bank raising interest rates", "inflation figures for last month",
    "a carmaker cutting jobs", "a merger between two banks", "oil prices after a producers' meeting", "house prices falling",
    "a retailer's Christmas sales", "a tech company's quarterly profits", "unemployment rising", "a new factory opening",
    "the stock market closing lower", "a trade deal between two countries", "energy bills for households",
    "an airline cancelling flights", "a ceasefire agreed between two sides", "an air strike on a town",
    "refugees crossing a border", "peace talks in Geneva", "a rebel attack on an army base", "a prisoner exchange",
    "aid lorries reaching a besieged city", "soldiers killed by a roadside bomb", "a naval exercise in disputed waters",
    "a UN Security Council meeting", "a court convicting a former minister of corruption", "a jury trial for murder",
    "a supreme court ruling on abortion law", "a judge blocking a government order", "a company fined by regulators",
    "police arresting suspects after a robbery", "an appeal against a prison sentence", "a public inquiry into a fire",
    "a lawsuit against a social media company", "a new vaccine trial", "a study on sleep and health",
    "scientists discovering a new species", "a space probe reaching Mars", "a heatwave across Europe",
    "a report on climate change", "floods after heavy rain", "an earthquake in a mountain region",
    "a wildfire forcing evacuations", "a new drug for heart disease", "researchers studying ocean plastic",
    "a football club sacking its manager", "a tennis final", "a marathon world record", "a cricket test match",
    "a transfer of a striker for a record fee", "the Olympic Games opening", "a rugby team winning the league",
    "a Formula One race", "a cycling team doping case", "a boxing title fight", "a golf tournament",
    "a teachers' strike", "a hospital waiting list crisis", "a rail strike", "a new airport runway",
    "a bridge collapse", "a cyber attack on a bank", "an election campaign debate on television",
    "farmers protesting against new rules", "a drought hitting crops", "a mayor resigning",
]
STYLES = ["Write a short news report about {}.", "Write the first paragraphs of a newspaper article about {}.",
          "Write a news story for a wire agency about {}.", "Report on {} in the style of a newspaper."]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--per-prompt", type=int, default=8)
    ap.add_argument("--tokens", type=int, default=180)
    ap.add_argument("--temperature", type=float, default=0.7)
    ap.add_argument("--top-p", type=float, default=0.9)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    import torch

    rng = random.Random(args.seed)
    torch.manual_seed(args.seed)
    lm = load_language_model(default_model_path(), cache_dir(), threads=1)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    done = 0
    started = time.time()
    with open(args.out, "a", encoding="utf-8") as out:
        for _ in range(args.rounds):
            for subject in SUBJECTS:
                prompt = ("<|im_start|>system\nYou are a news reporter.<|im_end|>\n<|im_start|>user\n"
                          + rng.choice(STYLES).format(subject) + "<|im_end|>\n<|im_start|>assistant\n")
                ids, _ = lm.encode(prompt)
                B = args.per_prompt
                logp, _, past, _ = lm.forward([ids])
                last = logp[0, -1].expand(B, -1)
                seqs: list[list[int]] = [[] for _ in range(B)]
                alive = [True] * B
                for _step in range(args.tokens):
                    probs = torch.softmax(last / args.temperature, dim=-1)
                    sp, si = probs.sort(dim=-1, descending=True)
                    keep = sp.cumsum(-1) - sp < args.top_p
                    sp = sp * keep
                    choice = si.gather(1, torch.multinomial(sp, 1)).squeeze(1).tolist()
                    for b, t in enumerate(choice):
                        if t in (lm.config.eos, lm.tokenizer.token_to_id("<|im_end|>")):
                            alive[b] = False
                        if alive[b]:
                            seqs[b].append(t)
                    if not any(alive):
                        break
                    logp, _, past, _ = lm.forward([[t] for t in choice], past=past)
                    last = logp[:, -1]
                for s in seqs:
                    text = lm.tokenizer.decode(s).split("<|im_end|>")[0].strip()
                    if len(text.split()) >= 30:
                        out.write(json.dumps({"topic": subject, "text": text}) + "\n")
                        done += len(s)
                out.flush()
                print(f"{done} tokens, {done / (time.time() - started):.0f}/s", file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()

"""The five real project pages the portal was made from (issue 21's "../shared/seeds/"). They
are other people's pages: the repository keeps the facts the tests expect of them, not their
text. They are found through HANKEPORTAALI_SEEDS, else in `shared/seeds` beside the checkout
or beside a folder above it, else in the workplace's /work/shared/seeds (a CI clone may be
anywhere on the machine)."""

import os
from pathlib import Path

WORKPLACE_SEEDS = Path("/work/shared/seeds")


def seeds_folder() -> Path:
    named = os.environ.get("HANKEPORTAALI_SEEDS")
    candidates = [Path(named)] if named else []
    checkout = Path(__file__).resolve().parent.parent
    candidates += [folder / "shared" / "seeds" for folder in checkout.parents]
    candidates.append(WORKPLACE_SEEDS)
    for folder in candidates:
        if len(list(folder.glob("*.txt"))) == 5:
            return folder
    raise FileNotFoundError(
        "The five seed pages were not found: set HANKEPORTAALI_SEEDS to their folder "
        f"(looked in {', '.join(str(folder) for folder in candidates)})."
    )


def seed_path(number: int) -> Path:
    (path,) = seeds_folder().glob(f"{number:03d}_*.txt")
    return path


def seed_text(number: int) -> str:
    return seed_path(number).read_text(encoding="utf-8")


def seed_texts() -> list[str]:
    return [seed_text(number) for number in range(5)]

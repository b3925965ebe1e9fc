"""Command line: ``python -m mnist_tutorials {fetch-data,info,flags,check-flag}``.

Examples
--------
``python -m mnist_tutorials fetch-data``            fill the cache with both datasets (shows progress)
``python -m mnist_tutorials info``                  where the cache is and what it holds
``python -m mnist_tutorials flags``                 list the exercise flags
``python -m mnist_tutorials check-flag ML105.1 0.9``  check an answer
"""

from __future__ import annotations

import argparse
import sys
import time

from . import _sources

_DATASETS = {"mnist": "mnist", "fashion": "fashion-mnist", "fashion-mnist": "fashion-mnist"}


def _fetch_data(args) -> int:
    names = ["mnist", "fashion-mnist"] if args.dataset == "all" else [_DATASETS[args.dataset]]
    for name in names:
        start = time.perf_counter()
        try:
            _sources.fetch_files(name, args.data_home, progress=True)
        except _sources.DataUnavailableError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
        folder = _sources.get_data_home(args.data_home) / name
        print(f"{_sources.REGISTRY[name].title}: ready in {folder} ({time.perf_counter() - start:.1f} s)")
    return 0


def _info(args) -> int:
    home = _sources.get_data_home(args.data_home)
    print(f"data home: {home}")
    for spec in _sources.REGISTRY.values():
        present = [f for f in _sources.FILES if (home / spec.name / f).is_file()]
        print(f"  {spec.title}: {len(present)}/{len(_sources.FILES)} files cached in {home / spec.name}")
    return 0


def _flags(args) -> int:
    from . import flags

    for label, question, tutorial in flags.list_flags():
        print(f"{label}: {question}  [{tutorial}]")
    return 0


def _check_flag(args) -> int:
    from . import flags

    return 0 if flags.check_flag(args.label, args.answer) else 1


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m mnist_tutorials", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)

    fetch = sub.add_parser("fetch-data", help="download / copy the datasets into the cache, with progress")
    fetch.add_argument("--dataset", choices=["all", "mnist", "fashion", "fashion-mnist"], default="all")
    fetch.add_argument("--data-home", default=None, help="cache folder (default: $MNIST_TUTORIALS_DATA or ~/.cache)")
    fetch.set_defaults(func=_fetch_data)

    info = sub.add_parser("info", help="show the cache folder and what it holds")
    info.add_argument("--data-home", default=None)
    info.set_defaults(func=_info)

    sub.add_parser("flags", help="list the exercise flags").set_defaults(func=_flags)

    check = sub.add_parser("check-flag", help="check an answer, e.g. check-flag ML105.1 0.85")
    check.add_argument("label")
    check.add_argument("answer")
    check.set_defaults(func=_check_flag)

    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())

"""Command line: ``python -m mnist_tutorials {fetch-data,info,flags,check-flag}``.

Examples
--------
``python -m mnist_tutorials fetch-data``            fill the cache with both datasets (shows progress)
``python -m mnist_tutorials info``                  where the cache is and what it holds
``python -m mnist_tutorials flags``                 list the exercise flags
``python -m mnist_tutorials check-flag ML105.1 0.9``  check an answer

Exit status: 0 on success (``check-flag``: the answer is right), 1 when ``check-flag``'s answer is wrong or
``fetch-data`` could not get the data, 2 for a usage error (an unknown flag, a bad ``--data-home``),
3 when ``check-flag`` cannot compute the expected answer (no data).
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
        folder = home / spec.name
        verified, problems = 0, []
        for name in _sources.FILES:
            path = folder / name
            if not path.is_file():
                continue
            try:
                problem = None if _sources.is_verified(spec, path) else (
                    f"{path.stat().st_size:,} bytes, sha256 does not match the pinned value")
            except OSError as exc:
                problem = f"cannot be read ({type(exc).__name__}: {exc})"
            if problem is None:
                verified += 1
            else:
                problems.append(f"{name}: {problem}")
        print(f"  {spec.title}: {verified}/{len(_sources.FILES)} files cached and verified in {folder}")
        for problem in problems:
            print(f"    not verified: {problem}")
        if problems:
            print("    `python -m mnist_tutorials fetch-data` moves these aside (NAME.corrupt) and fetches them again.")
    return 0


def _flags(args) -> int:
    from . import flags

    for label, question, tutorial in flags.list_flags():
        print(f"{label}: {question}  [{tutorial}]")
    return 0


def _check_flag(args) -> int:
    from . import flags

    try:
        flags.get_flag(args.label)
    except KeyError as exc:
        print(f"error: {exc.args[0]}", file=sys.stderr)
        return 2
    try:
        return 0 if flags.check_flag(args.label, args.answer, data_home=args.data_home) else 1
    except _sources.DataUnavailableError as exc:
        print(f"error: the answer to {args.label} could not be computed, because the data is missing.\n{exc}",
              file=sys.stderr)
        return 3


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m mnist_tutorials", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)

    fetch = sub.add_parser("fetch-data", help="download / copy the datasets into the cache, with progress")
    fetch.add_argument("--dataset", choices=["all", "mnist", "fashion", "fashion-mnist"], default="all")
    fetch.add_argument("--data-home", default=None, help="cache folder (default: $MNIST_TUTORIALS_DATA or ~/.cache)")
    fetch.set_defaults(func=_fetch_data)

    info = sub.add_parser("info", help="show the cache folder and what it holds")
    info.add_argument("--data-home", default=None, help="cache folder, as for fetch-data")
    info.set_defaults(func=_info)

    sub.add_parser("flags", help="list the exercise flags").set_defaults(func=_flags)

    check = sub.add_parser("check-flag", help="check an answer, e.g. check-flag ML105.1 0.85")
    check.add_argument("label")
    check.add_argument("answer")
    check.add_argument("--data-home", default=None, help="data folder, as for fetch-data")
    check.set_defaults(func=_check_flag)

    args = parser.parse_args(argv)
    if getattr(args, "data_home", None) is not None:
        try:
            _sources.get_data_home(args.data_home)
        except (TypeError, ValueError) as exc:
            parser.error(f"--data-home: {exc}")
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
